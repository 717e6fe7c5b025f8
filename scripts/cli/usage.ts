// The text of `otp --help`.

export const USAGE = `otp: one-time codes and Key URIs from the command line (Keyfob core)

Usage:
  otp code <otpauth-uri> [--at <unix-seconds>]
      Print the code for the link (TOTP at --at or now; HOTP at the link's counter).
  otp code --batch
      Read JSON lines {"uri": "...", "at": 1700000000} ("at" optional) from stdin and print one code
      per line. A bad line prints an empty line, "error: <code>: line N: ..." on stderr, and makes the
      exit status 2 once every line has been done.
  otp parse <otpauth-uri>
      Print the account as JSON.
  otp qr [--json] <image.png>...
      Print every QR payload found in the images, one per line (--json: one JSON object per image).
      Exit 1 when no image holds a QR code.
  otp --help

Errors are printed as "error: <code>: <message>" on stderr with exit status 2.
`;
