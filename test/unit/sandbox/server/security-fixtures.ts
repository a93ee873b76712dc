/** The demo's security names, for tests that grant every security column. */
export { SALES_SECURITY_NAMES as SANDBOX_SECURITY_EXAMPLE_NAMES } from '../../../../src/sandbox/data'
