// The element reaches the network only for origins its host page lists: the fetch it hands the
// verifier refuses every other origin, redirect hops included, and the policy loosens https-only and
// the private-address rule only for origins the host itself listed as such.
import { describe, expect, it } from 'vitest';
import { createPolicyFetch, isMicrocredError } from '../../src/index.js';
import { fetchWithin, parseOrigins, policyFor } from '../../src/element/origins.js';

/** A fetch that records what it was asked and answers from `answer`. */
function recording(answer: (url: string) => Response) {
  const asked: string[] = [];
  const fetch = (async (input: string | URL | Request) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    asked.push(url);
    return answer(url);
  }) as typeof globalThis.fetch;
  return { fetch, asked };
}

const json = (body: unknown) => new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });

describe('parseOrigins', () => {
  it('reads a space- or comma-separated list into normalised origins, dropping what is not http(s)', () => {
    expect(
      parseOrigins(
        'https://PD.example.org:443/status/1  http://127.0.0.1:8080, ftp://x.example javascript:alert(1) nonsense',
      ),
    ).toEqual(['https://pd.example.org', 'http://127.0.0.1:8080']);
    expect(parseOrigins(['https://a.example/x', 'https://a.example/y'])).toEqual(['https://a.example']);
    expect(parseOrigins(null)).toEqual([]);
  });
});

describe('fetchWithin', () => {
  it('passes a request to an allowed origin through, and refuses any other before it is made', async () => {
    const { fetch, asked } = recording(() => json({ ok: true }));
    const within = fetchWithin(fetch, ['https://pd.example.org']);
    await expect((await within('https://pd.example.org/status/1')).json()).resolves.toEqual({ ok: true });
    const refused = await within('https://attacker.example/probe').catch((e: unknown) => e);
    expect(isMicrocredError(refused, 'ERR_NETWORK_REFUSED')).toBe(true);
    expect((refused as Error).message).toContain('https://attacker.example');
    // A look-alike: same host, other scheme or port, is another origin.
    await expect(within('http://pd.example.org/status/1')).rejects.toThrow(/may not fetch/);
    await expect(within('https://pd.example.org:8443/status/1')).rejects.toThrow(/may not fetch/);
    expect(asked).toEqual(['https://pd.example.org/status/1']);
  });

  it('under the network policy, a redirect from an allowed origin to another is refused at the hop', async () => {
    // Public IP literals: the policy checks them without asking a resolver (no DNS in tests).
    const { fetch, asked } = recording((url) =>
      url.startsWith('https://8.8.8.8/')
        ? new Response(null, { status: 302, headers: { location: 'https://1.1.1.1/list' } })
        : json({ leaked: true }),
    );
    const get = createPolicyFetch(fetchWithin(fetch, ['https://8.8.8.8']));
    const error = await get('https://8.8.8.8/status/1').catch((e: unknown) => e);
    // The policy reports what its fetch refused as a failed fetch, with the element's reason.
    expect(isMicrocredError(error, 'ERR_FETCH_FAILED')).toBe(true);
    expect((error as Error).message).toContain('may not fetch from https://1.1.1.1');
    expect(asked).toEqual(['https://8.8.8.8/status/1']);
  });
});

describe('policyFor', () => {
  it('keeps https-only and public addresses only, unless the host listed a plain-http or private origin', () => {
    expect(policyFor(['https://pd.example.org'])).toEqual({});
    expect(policyFor(['https://pd.example.org'], { timeoutMs: 2000 })).toEqual({ timeoutMs: 2000 });
    expect(policyFor(['http://127.0.0.1:8080'])).toEqual({ httpsOnly: false, allowPrivateAddresses: true });
    expect(policyFor(['https://localhost:8443'])).toEqual({ allowPrivateAddresses: true });
    expect(policyFor(['https://[::1]:8443'])).toEqual({ allowPrivateAddresses: true });
    expect(policyFor(['http://intranet.school.example'])).toEqual({ httpsOnly: false });
  });
});
