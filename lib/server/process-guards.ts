import "server-only";
import { logger } from "./logger";

/**
 * Every failure a long-running process (npm start, npm run worker) did not handle reaches pino as
 * one JSON line, with the error's message and stack only (a driver error printed whole drags pool
 * and client objects, connection strings included, into the log). An uncaught exception leaves the
 * process in an unknown state, so it exits and the supervisor restarts it; a rejected promise
 * nobody awaited is logged and the process goes on.
 */
export function installProcessGuards(name: string): void {
  process.on("uncaughtException", (error) => {
    logger.fatal({ err: { message: error.message, stack: error.stack }, process: name }, "uncaught exception; exiting");
    logger.flush?.();
    process.exit(1);
  });
  process.on("unhandledRejection", (reason) => {
    const error = reason instanceof Error ? { message: reason.message, stack: reason.stack } : { message: String(reason).slice(0, 500) };
    logger.error({ err: error, process: name }, "unhandled promise rejection");
  });
}
