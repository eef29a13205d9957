// jsonld 9.0.0 (pinned exactly) keeps its context processing in lib/context.js. The compiled
// expansion calls those very functions, so that a context is processed exactly as jsonld.expand
// processes it; only what the expansion needs is declared.
declare module 'jsonld/lib/context.js' {
  /** A processed (active) context, as jsonld builds it. Never mutated here. */
  export interface ActiveContext {
    mappings: Map<string, TermDefinition | null>;
    previousContext?: ActiveContext;
    processingMode?: string;
    '@vocab'?: string;
    '@base'?: string | null;
    '@language'?: string;
    '@direction'?: string;
  }
  export interface TermDefinition {
    '@id'?: string;
    '@type'?: string;
    '@container'?: string[];
    '@context'?: unknown;
    '@language'?: string | null;
    '@direction'?: string | null;
    reverse?: boolean;
    _prefix?: boolean;
  }
  const api: {
    process(args: {
      activeCtx: ActiveContext;
      localCtx: unknown;
      options: Record<string, unknown>;
      propagate?: boolean;
      overrideProtected?: boolean;
    }): Promise<ActiveContext>;
    getInitialContext(options: Record<string, unknown>): ActiveContext;
    expandIri(
      activeCtx: ActiveContext,
      value: string,
      relativeTo: { vocab?: boolean; base?: boolean },
      options: Record<string, unknown>,
    ): string | null;
    getContextValue(ctx: ActiveContext, key: string | null, type: string): unknown;
    isKeyword(value: unknown): boolean;
  };
  export default api;
}
declare module 'jsonld/lib/ContextResolver.js' {
  const ContextResolver: new (options: { sharedCache: Map<string, unknown> }) => unknown;
  export default ContextResolver;
}
declare module 'jsonld/lib/events.js' {
  const events: { safeEventHandler: (args: { event: unknown; next: () => void }) => void };
  export default events;
}
