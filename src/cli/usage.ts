// The help texts. Kept together so that the commands read as code and the help as prose.

// The PostgreSQL choice of status store, in the options of every command that takes a store.
const POSTGRES_STORE = `      --postgres URL     the status store in PostgreSQL instead of a file, e.g.
                         postgres://issuer@db.example.org:5432/badges (leave
                         the password to PGPASSWORD); needs the pg package
      --postgres-schema NAME  the schema of its tables (default microcred)`;

const MAIN = `microcred — issue and verify Open Badges 3.0 credentials, offline.

Usage:
  microcred keys generate --out FILE [--type ed25519|p256|rsa] [--did-web DOMAIN] [--force]
  microcred keys did-web --key KEY --domain DOMAIN [--out FILE]
  microcred competency check FILE... [--json]
  microcred competency compile FILE [--out FILE]
  microcred decide --competency DEF --submission SUB --review REV... [--json]
  microcred issue --key KEY --credential FILE [--out FILE] [--format jwt]
  microcred issue --key KEY --competency DEF --submission SUB --review REV... [--out FILE]
  microcred issue --key KEY --competency STACK --component CRED...
                  (--recipient-email EMAIL | --recipient-did DID) [--out FILE]
  microcred issue --key KEY --batch ROWS (--template FILE | --competency DEF) --out DIR|FILE.jsonl
  microcred verify FILE|DIR|-... [--json|--json-lines] [--now ISO] [--skew SECONDS]
                  [--did-doc FILE...] [--doc URL=FILE...] [--allow-network] [--trust FILE]
                  [--strict-contexts] [--color|--no-color] [--challenge TEXT] [--domain DOMAIN]
                  [--recipient ID] [--lang LANG]
  microcred bake --credential FILE --image IMAGE --out FILE
  microcred extract IMAGE
  microcred status create --key KEY --list-url URL [--store FILE] [--out DIR]
  microcred status revoke|suspend|unsuspend ID...|--from FILE|- --key KEY
                          [--store FILE] [--out DIR]
  microcred status publish --key KEY [--store FILE] [--out DIR] [--changed]
  microcred status show [ID] [--store FILE] [--json]
  microcred serve --port N [--host HOST] [--trust FILE] [--status-dir DIR] [--cors ORIGIN...]
  microcred endorse --key KEY (--achievement FILE | --profile ID | --credential FILE)
                    --comment TEXT --out FILE
  microcred clr bundle CRED... --key KEY [--holder DID | --email EMAIL] [--stack FILE]
                       --out FILE
  microcred help [COMMAND]
  microcred --version

Exit status: 0 done (verify: every credential verified; competency check: every
definition valid; decide: approved), 1 not (or an error), 2 the command line is
wrong.

Run "microcred help COMMAND" for a command's options.
`;

const HELP: Record<string, string> = {
  keys: `Usage:
  microcred keys generate --out FILE [--type ed25519|p256|rsa] [--did-web DOMAIN] [--force]
  microcred keys did-web --key KEY --domain DOMAIN [--out FILE] [--force]

Run "microcred help keys generate" or "microcred help keys did-web" for details.
`,
  'keys generate': `Usage: microcred keys generate --out FILE [--type ed25519|p256|rsa] [--did-web DOMAIN] [--force]
       microcred keys generate --stdout [--type ed25519|p256|rsa] [--did-web DOMAIN]

Creates an Ed25519 issuer key and writes it, secret included, as a Multikey JSON
file readable only by you (mode 0600). Prints the key's DID and verification
method id, never the secret.

With --type p256 or rsa, creates a key for VC-JWTs ("microcred issue --format
jwt") instead, written as a JWK: P-256 signs with ES256 and is named by its
did:key; RSA (2048 bits) signs with RS256 and has no name unless --did-web gives
it one, so its JWTs carry the public key in the header.

Options:
  -o, --out FILE         where to write the key file (an existing file is kept)
      --stdout           print the key file, SECRET INCLUDED, instead of writing it
      --type TYPE        ed25519 (the default), p256 or rsa
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
  issue: `Usage: microcred issue --key KEY --credential FILE [--out FILE] [--format jwt] [--suite SUITE]
                       [(--status-store FILE | --postgres URL) [--list-url URL]]
       microcred issue --key KEY --competency DEF --submission SUB --review REV...
                       [--rules FILE | --reviewers N --on-disagreement RULE]
                       [--now ISO] [--evidence-audience TEXT] [--valid-until ISO] [--out FILE]
       microcred issue --key KEY --competency STACK --component CRED...
                       (--recipient-email EMAIL | --recipient-did DID) [--accept-issuer DID...]
                       [--did-doc FILE...] [--now ISO] [--valid-until ISO] [--out FILE]
       microcred issue --key KEY --batch ROWS (--template FILE | --competency DEF)
                       --out DIR|FILE.jsonl [--status-store FILE] [--fail-fast]
                       [--manifest FILE] [--progress-every N] [--format jwt]

Signs an Open Badges 3.0 credential with a DataIntegrityProof (eddsa-rdfc-2022),
or with Ed25519Signature2020 (--suite ed25519-2020), from one of three sources.
Every problem is reported before anything is signed.

With --credential: signs the unsigned credential as given. Missing @context, id
and validFrom are filled in; issuer.id must be the key's DID. With --format jwt,
prints a VC-JWT (Open Badges 3.0 encoding, compact JWS) instead: EdDSA with an
Ed25519 key, ES256 or RS256 with a key from "keys generate --type p256|rsa".

With --competency and --review: decides the stored submission from its stored
reviews (as "microcred decide" does) and, only if the decision is approved,
issues the credential it earned: the compiled achievement, one result per
component (the settled rubric level) and one piece of evidence per artifact with
its SHA-256 digest. The recipient is the submission's candidate: their DID, else a
salted hash of their email. A pending or rejected decision prints its status and
every reason, signs nothing and exits 1.

With --competency and --component: issues a stack from the holder's
micro-credentials. Each required one must verify, be awarded to the recipient and
(with --accept-issuer) come from an accepted issuer; otherwise each failing one is
named with its reason, nothing is signed, and the exit status is 1.

With --batch: issues one credential per row of ROWS, a CSV file with a header
(columns email or did, optional name, evidence with URLs separated by spaces, and
any other column a field path such as credentialSubject.term) or a JSON Lines file
(.jsonl, one object per line with the same members). The template is an unsigned
credential with its achievement; its issuer id is the key's DID and its subject's
recipient comes from each row (an email as a salted hash). A manifest (DIR/
manifest.jsonl, or FILE.manifest.jsonl) records row, credential id, status entries
and output as it goes; running the same command again continues where it
stopped and never issues a row twice. A bad row is reported with its line and the
batch goes on (exit 1 at the end) unless --fail-fast.

With --signer MODULE instead of --key, every mode signs through a key kept
elsewhere: MODULE's default export (or its export named "signer") is
{ id, algorithm, publicKey, sign(data) }, as the library's externalKey takes.
The signer signs one check first, verified with its public key: a signer that
fails, or whose signature does not verify, stops the command before anything is
written. Its key must be the issuer's, as with a key file. A batch stops at the
first row the signer fails; running the command again continues it.

Options:
  -k, --key KEY              the issuer's key file (from "microcred keys generate")
      --signer MODULE        instead of --key: a module exporting an external
                             signer (a key kept in a KMS or HSM; see below)
  -o, --out FILE             write the signed credential to FILE (default: print it);
                             an existing FILE is replaced only with --force
      --force                replace --out (with --batch: start the batch over)
      --json                 print what was issued as JSON (id, file, status
                             entries; with --batch, the counts)
      --suite SUITE          the proof to make: eddsa-rdfc-2022 (the default) or
                             ed25519-2020 (Ed25519Signature2020, for verifiers of
                             the VC 1.1 era) with an Ed25519 key; ecdsa-rdfc-2019
                             (the default) with a P-256 key
  -c, --credential FILE      the unsigned credential (JSON)
      --format FORMAT        json-ld (the default: a Data Integrity proof) or jwt
      --competency DEF       the competency definition (YAML or JSON)
      --submission SUB       the stored submission (JSON)
      --review REV           a stored review (JSON; one review or an array);
                             repeat for each review
      --rules FILE           decision rules as JSON, e.g.
                             {"reviewersRequired": 2, "onDisagreement": "adjudicator"}
      --reviewers N          independent reviewers required (default 2)
      --on-disagreement RULE when reviewers split on a component: adjudicator
                             (wait for an adjudicator's review; the default) or
                             all-must-pass (the component fails)
      --now ISO              the decision and issue time (default: now)
      --evidence-audience TEXT  who the evidence is for, e.g. "Hiring districts"
      --valid-until ISO      the end of the credential's validity
      --component CRED       a signed micro-credential the stack requires;
                             repeat for each
      --recipient-email EMAIL  the holder's email (matched against the hashed
                             email in each component; hashed in the stack)
      --recipient-did DID    the holder's DID (a stack only)
      --accept-issuer DID    count only components from this issuer (repeatable;
                             default: any issuer whose signature verifies)
      --did-doc FILE         a DID document to resolve component issuers' keys
                             (repeatable)
      --status-store FILE    give the credential revocation and suspension
                             entries on the status lists of this store (from
                             "microcred status create"); works in every mode
      --postgres URL         the same with the status store in PostgreSQL, e.g.
                             postgres://issuer@db.example.org/badges (leave the
                             password to PGPASSWORD); needs the pg package
      --postgres-schema NAME  the schema of its tables (default microcred)
      --list-url URL         where new lists are published (default: where the
                             store's lists are)
      --batch ROWS           issue one credential per row (CSV or JSON Lines)
      --template FILE        the unsigned credential every row starts from
      --fail-fast            stop the batch at the first row that fails
      --manifest FILE        where the batch records what it issued
      --progress-every N     without a terminal, a progress line every N rows
                             (default 1000)

ISO is a date-time with a timezone (2030-01-31T09:00:00Z) or a date (midnight UTC).
`,
  decide: `Usage: microcred decide --competency DEF --submission SUB --review REV... [--json]
                        [--rules FILE | --reviewers N --on-disagreement RULE] [--now ISO]

Decides a stored submission from its stored reviews under explicit rules, without
signing anything: for reviewers and programme leads to see where a submission
stands. Prints the status (approved, rejected or pending), who was counted, each
component's settled rubric level with the reviewers' feedback, and every reason
(ERR_CODE: message, with the component) a review did not count or the submission
is not approved.

Options:
      --competency DEF       the competency definition (YAML or JSON)
      --submission SUB       the stored submission (JSON)
      --review REV           a stored review (JSON; one review or an array);
                             repeat for each review
      --rules FILE           decision rules as JSON, e.g.
                             {"reviewersRequired": 2, "onDisagreement": "adjudicator"}
      --reviewers N          independent reviewers required (default 2)
      --on-disagreement RULE adjudicator (the default) or all-must-pass
      --now ISO              the decision time (default: now)
      --json                 print the decision as JSON (what a platform stores)

Exit status: 0 approved, 1 pending or rejected (or an input could not be read),
2 the command line is wrong.
`,
  competency: `Usage:
  microcred competency check FILE... [--json]
  microcred competency compile FILE [--out FILE]

Run "microcred help competency check" or "microcred help competency compile" for details.
`,
  'competency check': `Usage: microcred competency check FILE... [--json]

Checks competency definitions (YAML or JSON, by extension; by content otherwise)
and lists every problem of an invalid one as "path: message".

Options:
      --json             print { file, valid, problems } for each file (one
                         object, or an array for several files)

Exit status: 0 every definition is valid, 1 one is not (or could not be read),
2 the command line is wrong.
`,
  'competency compile': `Usage: microcred competency compile FILE [--out FILE]

Compiles a competency definition to its Open Badges 3.0 Achievement (JSON), with
the id <definition id>/v<version> that issued credentials point at.

Options:
  -o, --out FILE         write the Achievement to FILE instead of printing it
`,
  verify: `Usage: microcred verify FILE|DIR|-... [--json|--json-lines] [--now ISO] [--skew SECONDS]
                        [--did-doc FILE...] [--doc URL=FILE...] [--allow-network]
                        [--status-list FILE...] [--trust FILE] [--strict-contexts]
                        [--color|--no-color] [--challenge TEXT] [--domain DOMAIN]
                        [--recipient ID] [--lang LANG]

Verifies each credential file and reports check by check. A file holds a
credential as JSON or a VC-JWT (the compact JWS text), or is a baked badge
image (PNG or SVG) whose credential is taken out first. A file holding a
verifiable presentation (JSON, or a VP-JWT) is verified as one: the holder's
proof, the --challenge and --domain it must answer, then each credential in it.
An Open Badges 2.0 assertion (JSON, a signed JWS, or baked in a PNG or SVG) is
verified as Open Badges 2.0 allows: a signed one against the key its creator
names, a hosted one against the issuer's copy at its id (give the issuer's
documents with --doc, or use --allow-network), then its badge class, issuer,
dates and revocation.
A folder stands for every .json, .jwt, .png and .svg file in it and below
(symbolic links are not followed); - reads one credential or image from
standard input. Nothing is fetched from the network unless --allow-network is
given: did:key and did:jwk are resolved locally; give did:web DID documents with
--did-doc, status list credentials with --status-list, and any other document
(a key document, a status list, a schema) with --doc. JSON-LD contexts are never
fetched: only those bundled with microcred are used. A credential whose status
list could not be read is reported as "could not check", never as not revoked.
For several credentials the last line counts them: "3 of 5 verified; 1 revoked,
1 invalid."

Options:
      --json             print the reports as one JSON array (however many
                         files), each report with its "file"
      --json-lines       print each report as one line of JSON, as it is made
      --color, --no-color  colour the report or not (default: colour on a
                         terminal; FORCE_COLOR and NO_COLOR are obeyed)
      --now ISO          check validity at this moment (2030-01-31T09:00:00Z or
                         2030-01-31) instead of now
      --skew SECONDS     tolerance for disagreeing clocks (default 300)
      --did-doc FILE     a DID document to resolve keys from (repeatable)
      --status-list FILE a status list credential, served at its id (repeatable)
      --doc URL=FILE     serve FILE (JSON) for URL, a DID or an https URL,
                         e.g. --doc did:web:example.org=did.json (repeatable)
      --allow-network    fetch what is not supplied (did:web documents, https
                         documents) with https only, a 5 s timeout, a 1 MiB
                         limit, at most 3 redirects and no private addresses
      --trust FILE       issuers you know (JSON): a list of {"id", "name", "url",
                         "logo"}, or an object keyed by issuer id. A match is
                         shown with its name; any other issuer is a warning
      --strict-contexts  refuse a credential that defines terms in an inline
                         (object) context; by default that is a warning, and
                         what is shown is read from the signed statements
      --challenge TEXT   for a presentation: the challenge (nonce) you gave the
                         holder; one made for another is a replay
      --domain DOMAIN    for a presentation: your domain (a VP-JWT's aud)
      --recipient ID     for an Open Badges 2.0 assertion: the email address,
                         URL or telephone number it should be awarded to; its
                         recipient (hashed or plain) is compared with it
      --lang LANG        the language of the printed report: en (default) or fr
                         (--json keeps English text; codes never change)

Exit status: 0 every credential verified, 1 one did not (or could not be read),
2 the command line is wrong (including an unreadable --did-doc, --doc or --trust).
`,
  serve: `Usage: microcred serve --port N [--host HOST] [--trust FILE] [--status-dir DIR]
                       [--cors ORIGIN...] [--did-doc FILE...] [--doc URL=FILE...] [--allow-network]

Runs the verifier service (microcred/http) until SIGINT or SIGTERM, then lets
the requests under way finish. It answers POST /credentials/verify (the VC-API
body {"verifiableCredential": ...}, or a credential as JSON, a VC-JWT, a baked
PNG or SVG) with the report as JSON, POST /presentations/verify (the VC-API
body {"verifiablePresentation": ..., "options": {"challenge": ..., "domain": ...}},
or a presentation as JSON or a VP-JWT) with the presentation's report, GET
/status/NAME with a published status list, and GET /health. One line per
request goes to stdout: method, path, status and milliseconds.

Options:
  -p, --port N           the port to listen on (0: any free port, printed)
      --host HOST        the address to listen on (default 127.0.0.1; 0.0.0.0
                         for every interface)
      --trust FILE       issuers you know (JSON), as for verify
      --status-dir DIR   serve the status lists "microcred status publish --out
                         DIR" wrote, at /status/NAME (read at each request)
      --cors ORIGIN      let pages of ORIGIN (e.g. https://verify.example.org)
                         call the service from a browser; * for any (repeatable)
      --did-doc FILE     a DID document to resolve keys from (repeatable)
      --doc URL=FILE     serve FILE (JSON) for URL to every verification
                         (repeatable)
      --allow-network    fetch what is not supplied, as verify --allow-network

Exit status: 0 stopped by a signal, 1 it could not listen, 2 the command line
is wrong.
`,
  status: `Usage:
  microcred status create --key KEY --list-url URL [--store FILE] [--out DIR]
                          [--purpose PURPOSE...] [--length N]
  microcred status revoke ID... --key KEY [--store FILE] [--out DIR]
  microcred status suspend ID... --key KEY [--store FILE] [--out DIR]
  microcred status unsuspend ID... --key KEY [--store FILE] [--out DIR]
  microcred status publish --key KEY [--store FILE] [--out DIR] [--changed]
  microcred status show [ID] [--store FILE] [--json]
  microcred status adopt FILE... --key KEY [--store FILE]
  microcred status compact [--store FILE]

Revocation and suspension with Bitstring Status Lists. The store (a JSON file,
default ./microcred-status.json, or PostgreSQL with --postgres URL) records the
lists and which credential holds which index; the signed list credentials are
written to DIR (default ./status-lists) to publish at their URLs. Issue into
the store with "microcred issue ... --status-store FILE" (or --postgres URL).

Run "microcred help status COMMAND" for details.
`,
  'status create': `Usage: microcred status create --key KEY --list-url URL [--store FILE] [--out DIR]
                               [--purpose PURPOSE...] [--length N]

Creates the status store if needed, opens a list for each purpose that has
none (or whose list is full), and writes every list, signed by KEY, to DIR.
Publish them at the URLs printed before issuing credentials that point at them.
Run it again at any time to re-sign and write every list.

Options:
  -k, --key KEY          the issuer's key file (the lists' issuer is its DID,
                         the same as the credentials')
      --signer MODULE    instead of --key: a module exporting an external signer
      --list-url URL     where the lists are published, e.g.
                         https://pd.example.org/status (needed the first time)
      --store FILE       the status store (default microcred-status.json)
${POSTGRES_STORE}
  -o, --out DIR          where to write the list credentials (default status-lists)
      --purpose PURPOSE  revocation or suspension (repeatable; default both)
      --length N         entries per list (default and minimum 131072)
`,
  'status revoke': `Usage: microcred status revoke ID... --key KEY [--store FILE] [--out DIR]
       microcred status revoke --from FILE | - --key KEY [--store FILE] [--out DIR]

Several ids (as arguments, one a line in FILE, or on standard input with -) are
changed together: each is checked first (one this store does not know, or on
another issuer's list, changes nothing), then each list concerned is re-signed
once.

Revokes the credential with id ID for good: sets its bit on its revocation list,
re-signs the list and writes it to DIR to publish. Revoking twice changes nothing.

Options:
  -k, --key KEY          the issuer's key file
      --signer MODULE    instead of --key: a module exporting an external signer
      --store FILE       the status store (default microcred-status.json)
${POSTGRES_STORE}
  -o, --out DIR          where to write the list credential (default status-lists)
`,
  'status suspend': `Usage: microcred status suspend ID... --key KEY [--store FILE] [--out DIR]
       microcred status suspend --from FILE | - --key KEY [--store FILE] [--out DIR]

Several ids (as arguments, one a line in FILE, or on standard input with -) are
changed together: each is checked first (one this store does not know, or on
another issuer's list, changes nothing), then each list concerned is re-signed
once.

Suspends the credential with id ID until "microcred status unsuspend": sets its
bit on its suspension list, re-signs the list and writes it to DIR to publish.

Options:
  -k, --key KEY          the issuer's key file
      --signer MODULE    instead of --key: a module exporting an external signer
      --store FILE       the status store (default microcred-status.json)
${POSTGRES_STORE}
  -o, --out DIR          where to write the list credential (default status-lists)
`,
  'status unsuspend': `Usage: microcred status unsuspend ID... --key KEY [--store FILE] [--out DIR]
       microcred status unsuspend --from FILE | - --key KEY [--store FILE] [--out DIR]

Several ids (as arguments, one a line in FILE, or on standard input with -) are
changed together: each is checked first (one this store does not know, or on
another issuer's list, changes nothing), then each list concerned is re-signed
once.

Lifts the suspension of the credential with id ID: clears its bit, re-signs the
list and writes it to DIR to publish.

Options:
  -k, --key KEY          the issuer's key file
      --signer MODULE    instead of --key: a module exporting an external signer
      --store FILE       the status store (default microcred-status.json)
${POSTGRES_STORE}
  -o, --out DIR          where to write the list credential (default status-lists)
`,
  'status publish': `Usage: microcred status publish --key KEY [--store FILE] [--out DIR] [--changed]

Signs the lists of KEY's issuer (other issuers' lists in the same store are left
alone) and writes them to DIR to upload. With --changed, only the lists that
changed since the last publish into DIR (recorded in DIR/${'${'}PUBLISHED_MARKER_NAME}).

Options:
  -k, --key KEY          the issuer's key file
      --signer MODULE    instead of --key: a module exporting an external signer
      --store FILE       the status store (default microcred-status.json)
${'${'}POSTGRES_STORE}
  -o, --out DIR          where to write the list credentials (default status-lists)
      --changed          only the lists changed since the last publish into DIR
`,
  'status show': `Usage: microcred status show [ID] [--store FILE] [--json]

Without ID: each list with its purpose, URL, indexes in use and bits set. With
ID: the credential's entries and whether each bit is set (exit 1 when the store
does not know ID).

Options:
      --store FILE       the status store (default microcred-status.json)
${POSTGRES_STORE}
      --json             print JSON
`,
  'status adopt': `Usage: microcred status adopt FILE... --key KEY [--store FILE]

Lists written by a microcred that did not yet record which issuer a list
belongs to are left alone until their issuer adopts them. Each FILE is a list
credential that issuer published (signed by KEY's DID): the list with its id is
claimed for KEY's issuer. Lists already adopted are skipped; another issuer's
list is refused.

Options:
  -k, --key KEY          the issuer's key file
      --signer MODULE    instead of --key: a module exporting an external signer
      --store FILE       the status store (default microcred-status.json)
${POSTGRES_STORE}
`,
  'status compact': `Usage: microcred status compact [--store FILE]

A file store is its file plus a journal beside it (FILE.journal), one line per
change, folded into the file when it grows. This folds it in now, so that FILE
alone is the store (before a backup, say). Another process may keep issuing.

Options:
      --store FILE       the status store (default microcred-status.json)
`,
  bake: `Usage: microcred bake --credential FILE --image IMAGE --out FILE

Bakes a signed credential into a badge image (Open Badges 3.0 baking), so the
image carries its own proof. In a PNG it goes in an iTXt chunk
"openbadgecredential"; in an SVG in an <openbadges:credential> element. A
credential baked into the image earlier is replaced; the picture is unchanged.

Options:
  -c, --credential FILE  the signed credential: JSON (from "microcred issue") or
                         a VC-JWT
  -i, --image IMAGE      the badge image, PNG or SVG
  -o, --out FILE         where to write the baked image (replaced if it exists)
`,
  extract: `Usage: microcred extract IMAGE

Prints the credential baked into a PNG or SVG badge image: JSON as JSON, a
VC-JWT as it is. It does not verify it: run "microcred verify IMAGE" for that.
An image without a credential, with several, or baked as Open Badges 2.0 is an
error that says which.
`,
  endorse: `Usage: microcred endorse --key KEY (--achievement FILE | --profile ID | --credential FILE)
                         --comment TEXT --out FILE

Signs an Open Badges 3.0 EndorsementCredential: you (the key's controller) say
TEXT about an achievement, an issuer or a credential. Embed it in what it
endorses ("endorsement" of the achievement, the issuer profile or the
credential) when issuing; "microcred verify" then verifies it as a credential
of its own and shows it, and a bad endorsement is a warning, never a failure.

Options:
  -k, --key KEY            your key file (Ed25519)
      --achievement FILE   a competency definition (YAML or JSON) or an
                           Achievement as JSON
      --profile ID         an issuer's DID or URL
      --credential FILE    a credential (JSON)
      --comment TEXT       what you say about it (endorsementComment)
      --name TEXT          the endorsement's name (default "Endorsement of …")
      --endorser-name NAME your name as the endorser
      --now ISO            the moment it is signed (default now)
  -o, --out FILE           where to write it
      --force              replace FILE if it exists
`,
  'clr bundle': `Usage: microcred clr bundle CRED... --key KEY [--holder DID | --email EMAIL]
                            [--stack FILE] --out FILE

Bundles a learner's credentials into one signed Comprehensive Learner Record
(CLR 2.0 ClrCredential). Each credential is verified first; one that does not
verify stops the bundle, naming the file, unless --omit-invalid leaves it out
(the record is then marked partial). "microcred verify" reads the record: its
own proof, each credential inside as its own report, and its associations.

Options:
  -k, --key KEY          your key file (Ed25519)
      --holder DID       whose record it is (credentialSubject.id)
      --email EMAIL      whose record it is, published as a salted hash
      --stack FILE       a stack definition: the record associates the stack's
                         achievement with the components it holds
                         (isParentOf / isChildOf)
      --name TEXT        the record's name (default "Comprehensive Learner Record")
      --omit-invalid     leave out credentials that do not verify
      --did-doc FILE...  DID documents of did:web issuers of the credentials
      --now ISO          the moment the credentials are checked and signed at
  -o, --out FILE         where to write it
      --force            replace FILE if it exists
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
