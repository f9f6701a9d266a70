/**
 * What a person does in Slack, as the request Slack would send the bot, built from the fake's state. The
 * builders live in the sandbox's workspace (src/sandbox/workspace/interactions.ts); a FakeSlackApi is an
 * InteractionSource.
 */
export {
  clickButton,
  slashCommand,
  type BlockActionsPayload,
  type ClickOptions,
  type Interaction,
} from '../../../src/sandbox/workspace/interactions.ts';
