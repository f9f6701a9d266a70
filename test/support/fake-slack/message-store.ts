/** The message model lives in the sandbox (src/sandbox/workspace); the Fake* names are the tests'. */
export {
  createMessageStore,
  isObject,
  type EphemeralMessage as FakeEphemeral,
  type JsonObject,
  type MessageStore,
  type MessageVersion,
  type NewMessage,
  type StoredMessage as FakeMessage,
} from '../../../src/sandbox/workspace/message-store.ts';
