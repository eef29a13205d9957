// The help texts. Kept together so that the commands read as code and the help as prose.

const MAIN = `microcred — issue and verify Open Badges 3.0 credentials, offline.

Usage:
  microcred keys generate --out FILE [--did-web DOMAIN] [--force]
  microcred keys did-web --key KEY --domain DOMAIN [--out FILE]
  microcred issue --key KEY --credential FILE [--out FILE]
  microcred verify FILE... [--json] [--now ISO] [--skew SECONDS] [--did-doc FILE...]
  microcred help [COMMAND]
  microcred --version

Exit status: 0 done (verify: every credential verified), 1 not (verify: a
credential did not verify; other commands: an error), 2 the command line is wrong.

Run "microcred help COMMAND" for a command's options.
`;

const HELP: Record<string, string> = {
  keys: `Usage:
  microcred keys generate --out FILE [--did-web DOMAIN] [--force]
  microcred keys did-web --key KEY --domain DOMAIN [--out FILE] [--force]

Run "microcred help keys generate" or "microcred help keys did-web" for details.
`,
  'keys generate': `Usage: microcred keys generate --out FILE [--did-web DOMAIN] [--force]
       microcred keys generate --stdout [--did-web DOMAIN]

Creates an Ed25519 issuer key and writes it, secret included, as a Multikey JSON
file readable only by you (mode 0600). Prints the key's DID and verification
method id, never the secret.

Options:
  -o, --out FILE         where to write the key file (an existing file is kept)
      --stdout           print the key file, SECRET INCLUDED, instead of writing it
      --did-web DOMAIN   make did:web:DOMAIN the key's controller (default: its
                         did:key) and write the DID document as did.json beside
                         the key, to publish at https://DOMAIN/.well-known/did.json
  -f, --force            replace existing files
`,
  'keys did-web': `Usage: microcred keys did-web --key KEY --domain DOMAIN [--out FILE] [--force]

Prints (or writes) the did:web DID document that lists KEY for DOMAIN. Publish
it at https://DOMAIN/.well-known/did.json. KEY may hold only the public key.

Options:
  -k, --key KEY          the key file
      --domain DOMAIN    the domain (with an optional :port and /path)
  -o, --out FILE         write the document to FILE instead of printing it
  -f, --force            replace FILE if it exists
`,
  issue: `Usage: microcred issue --key KEY --credential FILE [--out FILE]

Signs an unsigned Open Badges 3.0 credential with a DataIntegrityProof
(eddsa-rdfc-2022). Missing @context, id and validFrom are filled in.
issuer.id must be the key's DID. Every problem is reported, with its JSON path,
before anything is signed.

Options:
  -k, --key KEY          the issuer's key file (from "microcred keys generate")
  -c, --credential FILE  the unsigned credential (JSON)
  -o, --out FILE         write the signed credential to FILE (default: print it)
`,
  verify: `Usage: microcred verify FILE... [--json] [--now ISO] [--skew SECONDS] [--did-doc FILE...]

Verifies each credential file and reports check by check. Nothing is fetched
from the network: did:key is resolved locally; give did:web documents with
--did-doc.

Options:
      --json             print the reports as JSON (one object, or an array
                         for several files), each with its "file"
      --now ISO          check validity at this moment (2030-01-31T09:00:00Z or
                         2030-01-31) instead of now
      --skew SECONDS     tolerance for disagreeing clocks (default 300)
      --did-doc FILE     a DID document to resolve keys from (repeatable)

Exit status: 0 every credential verified, 1 one did not (or could not be read),
2 the command line is wrong (including an unreadable --did-doc).
`,
};

/** The commands `help` knows, e.g. `keys generate`. */
export function helpTopics(): string[] {
  return Object.keys(HELP);
}

/** The help for `command`, or the overview. */
export function helpFor(command?: string): string {
  return (command !== undefined && HELP[command]) || MAIN;
}

/** What to show after a usage error: the command's usage lines and where its help is, or the overview. */
export function usageLine(command?: string): string {
  const help = command === undefined ? undefined : HELP[command];
  if (!help) return `\n${MAIN}`;
  const usage = help.slice(0, help.indexOf('\n\n'));
  return `\n${usage}\nRun "microcred help ${command}" for details.\n`;
}
