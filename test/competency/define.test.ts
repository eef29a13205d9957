// Reading a definition: a bad file gets one problem per mistake, each at the dotted path an author
// can find in their YAML, in words rather than ajv's.
import { describe, expect, it } from 'vitest';
import { ErrorCode, defineCompetency, parseCompetency, type CompetencyDefinition } from '../../src/index.js';
import { minimalDefinition, thrown } from './helpers.js';

type Loose = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const bad = (change: (d: Loose) => void) => {
  const d = minimalDefinition() as unknown as Loose;
  change(d);
  return d;
};

const table: { name: string; input: unknown; path: string; message: string | RegExp }[] = [
  { name: 'missing name', input: bad((d) => delete d.name), path: 'name', message: 'missing required property "name"' },
  {
    name: 'misspelt property',
    input: bad((d) => {
      d.nmae = d.name;
      delete d.name;
    }),
    path: 'nmae',
    message: 'unknown property "nmae"; did you mean "name"?',
  },
  {
    name: 'unknown property deep inside a component',
    input: bad((d) => {
      d.components[1].rubric.levels[0].pass = true;
    }),
    path: 'components[1].rubric.levels[0].pass',
    message: /^unknown property "pass"/,
  },
  {
    name: 'no passing level',
    input: bad((d) => {
      d.components[1].rubric.levels[0].passing = false;
    }),
    path: 'components[1].rubric.levels',
    message: 'at least one level must pass',
  },
  {
    name: 'empty rubric',
    input: bad((d) => {
      d.components[0].rubric.levels = [];
    }),
    path: 'components[0].rubric.levels',
    message: 'must have at least 1 item',
  },
  {
    name: 'duplicate component ids',
    input: bad((d) => {
      d.components[1].id = 'plan';
    }),
    path: 'components[1].id',
    message: 'duplicate component id "plan" (also used by components[0])',
  },
  {
    name: 'duplicate level ids',
    input: bad((d) => {
      d.components[0].rubric.levels[1].id = 'yes';
    }),
    path: 'components[0].rubric.levels[1].id',
    message: /^duplicate level id "yes"/,
  },
  {
    name: 'bad URL in alignment',
    input: bad((d) => {
      d.alignment = [{ name: 'InTASC 6', url: 'ccsso.org/intasc' }];
    }),
    path: 'alignment[0].url',
    message: 'must be an http(s) URL, e.g. "https://example.org/page"',
  },
  {
    name: 'alignment without a url',
    input: bad((d) => {
      d.alignment = [{ name: 'InTASC 6' }];
    }),
    path: 'alignment[0].url',
    message: 'missing required property "url"',
  },
  {
    name: 'both components and stack',
    input: bad((d) => {
      d.stack = { requires: [{ id: 'https://pd.example.org/microcredentials/other' }] };
    }),
    path: 'stack',
    message: /either "components".*or "stack".*not both/,
  },
  {
    name: 'neither components nor stack',
    input: bad((d) => delete d.components),
    path: 'components',
    message: /^missing required property "components" \(or "stack"/,
  },
  {
    name: 'id that is not a URI',
    input: bad((d) => {
      d.id = 'wait time';
    }),
    path: 'id',
    message: /^must be an absolute URI/,
  },
  {
    name: 'component id that is not a slug',
    input: bad((d) => {
      d.components[0].id = 'Plan Questions';
    }),
    path: 'components[0].id',
    message: /^must be a slug/,
  },
  {
    name: 'image that is not a URL',
    input: bad((d) => {
      d.image = 'badge.png';
    }),
    path: 'image',
    message: 'must be an http(s) URL or a data:image/… URL',
  },
  {
    name: 'version read as a number',
    input: bad((d) => {
      d.version = 1.1;
    }),
    path: 'version',
    message: 'must be a string (got the number 1.1; in YAML, put it in quotes to keep it as text)',
  },
  {
    name: 'empty version',
    input: bad((d) => {
      d.version = '';
    }),
    path: 'version',
    message: 'must not be empty',
  },
  {
    name: 'unknown achievement type',
    input: bad((d) => {
      d.achievementType = 'Microcredential';
    }),
    path: 'achievementType',
    message: /^must be an Open Badges 3\.0 achievement type/,
  },
  {
    name: 'nothing required for a component',
    input: bad((d) => {
      d.components[1].evidence.reflection[0].required = false;
    }),
    path: 'components[1].evidence',
    message: 'at least one artifact or reflection prompt must be required',
  },
  {
    name: 'passing level below a failing one',
    input: bad((d) => {
      d.components[0].rubric.levels.push({ id: 'late', name: 'Late', passing: true });
    }),
    path: 'components[0].rubric.levels[2].passing',
    message: /cannot follow the non-passing level "No"/,
  },
  {
    name: 'points on some levels only',
    input: bad((d) => {
      d.components[0].rubric.levels[0].points = 2;
    }),
    path: 'components[0].rubric.levels[1].points',
    message: 'give every level of a rubric points, or none',
  },
  {
    name: 'points rising down the list',
    input: bad((d) => {
      d.components[0].rubric.levels[0].points = 1;
      d.components[0].rubric.levels[1].points = 2;
    }),
    path: 'components[0].rubric.levels[1].points',
    message: /points cannot rise \(1 then 2\)/,
  },
  {
    name: 'prerequisite on itself',
    input: bad((d) => {
      d.prerequisites = [{ id: `${d.id}/` }];
    }),
    path: 'prerequisites[0].id',
    message: 'a definition cannot be its own prerequisite',
  },
  {
    name: 'not an object',
    input: ['a list'],
    path: '',
    message: 'a competency definition must be an object (a YAML mapping or a JSON object)',
  },
];

describe('defineCompetency', () => {
  it('returns a copy of a valid definition', () => {
    const input = minimalDefinition();
    const definition = defineCompetency(input);
    expect(definition).toEqual(input);
    expect(definition).not.toBe(input);
  });

  it.each(table)('$name → $path', ({ input, path, message }) => {
    const error = thrown(() => defineCompetency(input));
    expect(error.code).toBe(ErrorCode.DEFINITION_INVALID);
    const problems = error.details.problems ?? [];
    const found = problems.find((p) => (p.path ?? '') === path);
    expect(found, `problems were ${JSON.stringify(problems)}`).toBeDefined();
    if (typeof message === 'string') expect(found?.message).toBe(message);
    else expect(found?.message).toMatch(message);
    // The message lists the problem as "path: message".
    if (path) expect(error.message.split('\n')).toContain(`${path}: ${found?.message}`);
  });

  it.each([null, 'a string', 42, []])('refuses %j with a single problem', (input) => {
    const error = thrown(() => defineCompetency(input));
    expect(error.details.problems).toEqual([
      { path: '', message: 'a competency definition must be an object (a YAML mapping or a JSON object)' },
    ]);
  });

  it('lists problems in the order of the document, missing properties after those present', () => {
    const input = bad((d) => {
      d.components[0].id = 'Plan';
      delete d.components[0].description;
      d.components[0].rubric.levels[0].passing = false;
    });
    const error = thrown(() => defineCompetency(input));
    expect(error.details.problems?.map((p) => p.path)).toEqual([
      'components[0].id',
      'components[0].rubric.levels',
      'components[0].description',
    ]);
  });

  it('reports every problem at once, one line each', () => {
    const input = bad((d) => {
      delete d.name;
      d.components[1].rubric.levels[0].passing = false;
      d.components.push({ ...d.components[0] });
    });
    const error = thrown(() => defineCompetency(input));
    const paths = (error.details.problems ?? []).map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'components[1].rubric.levels', 'components[2].id']));
    expect(error.message).toMatch(/^invalid competency definition \(3 problems\):\n/);
    expect(error.message.split('\n')).toHaveLength(4);
  });

  it('never shows raw ajv wording', () => {
    const input = bad((d) => {
      d.tags = ['math', 'math'];
      d.credits = -1;
      d.extra = 1;
      delete d.issuer.name;
    });
    const error = thrown(() => defineCompetency(input));
    expect(error.message).not.toMatch(/must have required property|must NOT have|must match pattern/);
    expect(error.details.problems).toEqual(
      expect.arrayContaining([
        { path: 'tags', message: 'must not repeat an item (items 0 and 1 are the same)' },
        { path: 'credits', message: 'must be 0 or more' },
        { path: 'extra', message: 'unknown property "extra"' },
        { path: 'issuer.name', message: 'missing required property "name"' },
      ]),
    );
  });

  it('drops $schema, which is only there for editors', () => {
    const definition = defineCompetency({
      $schema: '../../schemas/competency-definition.schema.json',
      ...minimalDefinition(),
    });
    expect(definition).not.toHaveProperty('$schema');
  });

  it('accepts a stack that does not refer to itself, and refuses one that does', () => {
    const { components: _components, ...rest } = minimalDefinition();
    const stack: CompetencyDefinition = {
      ...rest,
      stack: {
        requires: [
          { id: 'https://pd.example.org/microcredentials/a' },
          { id: 'https://pd.example.org/microcredentials/b', version: '2' },
        ],
      },
    };
    expect(defineCompetency(stack).stack?.requires).toHaveLength(2);
    const self = { ...stack, stack: { requires: [{ id: stack.id }] } };
    expect(thrown(() => defineCompetency(self)).details.problems).toContainEqual({
      path: 'stack.requires[0].id',
      message: 'a stack cannot require itself',
    });
  });
});

describe('parseCompetency', () => {
  const yaml = [
    'id: https://pd.example.org/microcredentials/wait-time',
    'version: "1.0.0"',
    'name: Wait Time',
    'description: Uses wait time.',
    'issuer: { name: Example District }',
    'competency: The educator pauses after questions.',
    'components:',
    '  - id: pause',
    '    name: Pause',
    '    description: Use wait time.',
    '    evidence:',
    '      artifacts: [{ id: video, name: Video }]',
    '    rubric:',
    '      levels: [{ id: "yes", name: "Yes", passing: true }]',
  ].join('\n');

  it('reads YAML', () => {
    expect(parseCompetency(yaml).components?.[0]?.rubric.levels[0]?.id).toBe('yes');
  });

  it('reads JSON, by option, by file name or by its first character', () => {
    const json = JSON.stringify(parseCompetency(yaml));
    for (const options of [{ format: 'json' as const }, { source: 'wait-time.json' }, {}]) {
      expect(parseCompetency(json, options).name).toBe('Wait Time');
    }
  });

  it('gives the line and column of a YAML syntax error', () => {
    const broken = yaml.replace('    name: Pause', '    name: Pause\n   description: [unclosed');
    const error = thrown(() => parseCompetency(broken, { source: 'wait-time.yaml' }));
    expect(error.code).toBe(ErrorCode.DEFINITION_INVALID);
    expect(error.message).toMatch(
      /^wait-time\.yaml: invalid competency definition \(1 problem\):\nYAML syntax error at line 10, column \d+: /,
    );
    expect(error.details).toMatchObject({ line: 10, source: 'wait-time.yaml' });
  });

  it('treats a duplicated YAML key as a syntax error', () => {
    const error = thrown(() => parseCompetency(`${yaml}\nname: Again`));
    expect(error.message).toMatch(/YAML syntax error at line 15, column 1: .*unique/i);
  });

  it('gives the line of a JSON syntax error', () => {
    const error = thrown(() =>
      parseCompetency('{\n  "id": "https://pd.example.org/x",\n  "version": "1"\n  "name": "X"\n}', {
        source: 'x.json',
      }),
    );
    expect(error.code).toBe(ErrorCode.DEFINITION_INVALID);
    expect(error.message).toMatch(/JSON syntax error at line 4, column \d+/);
  });

  it('checks what it parsed, naming the source', () => {
    const error = thrown(() =>
      parseCompetency(yaml.replace('version: "1.0.0"', 'version: 1.0'), { source: 'wait-time.yaml' }),
    );
    expect(error.message).toBe(
      'wait-time.yaml: invalid competency definition (1 problem):\nversion: must be a string (got the number 1; in YAML, put it in quotes to keep it as text)',
    );
  });
});
