/** The tool's version, written into every evaluation and log row. A test keeps it equal to package.json's. */
export const TOOL_VERSION = '0.1.0';
export const TOOL_NAME = 'Supply Plan Checker';
