-- A salted, slow fingerprint of the client secret (scrypt$N$r$p$salt$hash), so that
-- `fiber app oauth plan` can tell whether a local secret equals the stored one without the API ever
-- returning the secret. Written whenever the secret is set or rotated; NULL for rows that predate it
-- (reported as unknown until the secret is next set). It is not ciphertext: key rotation leaves it alone.
ALTER TABLE "oauth_authenticators" ADD COLUMN "client_secret_fingerprint" TEXT;
