export { crlfWithTrailingSpaces, fixtureNames, readFixture } from '../../../support/hpvm-fixtures.ts';
