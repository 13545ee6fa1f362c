import "server-only";
import { AppError } from "../errors";

/** The user must connect again: the provider refused the refresh token (revoked, expired, rotated away). */
export class ReauthorizationRequiredError extends AppError {
  constructor(message = "The user must reconnect this account: the provider no longer accepts its refresh token") {
    super(409, "reauthorization_required", message);
  }
}

/** The access token has expired and there is no refresh token to get another. */
export class TokenExpiredError extends AppError {
  constructor() {
    super(409, "token_expired", "The access token has expired and the provider gave no refresh token; the user must reconnect");
  }
}

export class ProviderUnavailableError extends AppError {
  constructor(message: string, readonly retryAfterSeconds?: number) {
    super(503, "provider_unavailable", message);
    this.retryAfter(retryAfterSeconds);
  }
}
