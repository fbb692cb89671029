export { createLogger, loggerOptionsFromEnv, REDACTED, REDACTED_PATHS, setLineFields } from './create-logger';
export type { CreateLoggerOptions, DestinationStream, LogFormat, Logger } from './create-logger';
export { PinoNestLogger } from './nest-logger';
