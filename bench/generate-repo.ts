/**
 * A deterministic, multi-language synthetic repository for the indexing benchmark: realistic file
 * sizes (median ~4 KiB), classes with methods, doc comments, imports and module-level code, in
 * TypeScript, JavaScript, Python, Go, Rust, Java, C, Ruby, Markdown and JSON.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

const WORDS = `account address adapter allocate archive array assert async attach audit balance batch
bind block buffer build bundle cache calendar callback cancel capture cart channel checksum chunk
cipher claim client clock close cluster codec collect column commit compile compress config connect
context convert cookie copy counter create cursor customer dashboard decode default delete deliver
deploy digest dispatch document domain download draft edge emit encode engine entry envelope error
event export factory feature fetch field filter flush format frame gateway graph group handle hash
header health history host image import index inode input invoice item job journal key label layout
ledger limit line link listen loader lock log lookup manifest map marker match merge message metric
migrate mirror mode model module monitor mount node notify offset order output owner packet page
parse partition patch path payload peer permission pipeline plugin policy pool port price probe
process profile project prompt proxy publish query queue quota range rate reader record reduce
refresh region register release remote render replica report request resolve resource response
retry revision role route rule sample scan schedule schema scope score search secret segment select
sender session shard signal snapshot socket source span split stage state status storage stream
subscribe summary sync table tag task template tenant thread ticket timer token topic trace
transfer transform tree trigger upload user validate value vector version view volume watch worker
write zone`.split(/\s+/);

/** Mulberry32: small, fast, seeded. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Gen {
  word(): string;
  int(n: number): number;
  camel(n: number): string;
  pascal(n: number): string;
  snake(n: number): string;
  sentence(n: number): string;
}

function makeGen(seed: number): Gen {
  const r = rng(seed);
  // Zipf-like: low indexes far more common.
  const word = () => WORDS[Math.floor(WORDS.length * Math.pow(r(), 1.7))]!;
  const cap = (w: string) => w[0]!.toUpperCase() + w.slice(1);
  const words = (n: number) => Array.from({ length: n }, word);
  return {
    word,
    int: (n) => Math.floor(r() * n),
    camel: (n) =>
      words(n)
        .map((w, i) => (i === 0 ? w : cap(w)))
        .join(''),
    pascal: (n) => words(n).map(cap).join(''),
    snake: (n) => words(n).join('_'),
    sentence: (n) => cap(words(n).join(' ')) + '.',
  };
}

type Emit = (g: Gen) => string;

const body = (g: Gen, indent: string, n: number, style: 'c' | 'py' | 'rb'): string => {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const v = g.camel(2);
    if (style === 'py')
      lines.push(`${indent}${g.snake(2)} = self.${g.snake(2)}(${g.snake(1)}, ${g.int(100)})`);
    else if (style === 'rb')
      lines.push(`${indent}${g.snake(2)} = ${g.snake(2)}(${g.snake(1)}, ${g.int(100)})`);
    else lines.push(`${indent}const ${v} = this.${g.camel(2)}(${g.camel(1)}, ${g.int(100)});`);
    if (g.int(4) === 0)
      lines.push(
        style === 'py'
          ? `${indent}if ${g.snake(1)} is None:\n${indent}    raise ValueError("${g.sentence(4)}")`
          : style === 'rb'
            ? `${indent}raise ArgumentError, "${g.sentence(4)}" if ${g.snake(1)}.nil?`
            : `${indent}if (!${v}) throw new Error('${g.sentence(4)}');`,
      );
  }
  return lines.join('\n');
};

const LANGS: Record<string, { ext: string; emit: Emit }> = {
  ts: {
    ext: 'ts',
    emit: (g) => {
      const cls = g.pascal(2);
      const methods = Array.from(
        { length: 2 + g.int(6) },
        () =>
          `  /** ${g.sentence(8)} */\n  async ${g.camel(2)}(${g.camel(1)}: string, ${g.camel(1)}: number): Promise<${g.pascal(1)}> {\n${body(g, '    ', 3 + g.int(10), 'c').replace(/^/gm, '')}\n    return ${g.camel(1)};\n  }`,
      );
      return `import { ${g.pascal(1)} } from './${g.word()}.js';\nimport type { ${g.pascal(2)} } from '../${g.word()}/index.js';\n\nexport const ${g.snake(2).toUpperCase()} = ${g.int(1000)};\n\n/**\n * ${g.sentence(12)}\n */\nexport class ${cls} {\n  private readonly ${g.camel(2)} = new Map<string, ${g.pascal(1)}>();\n\n${methods.join('\n\n')}\n}\n\nexport function ${g.camel(3)}(${g.camel(1)}: ${cls}): void {\n${body(g, '  ', 4 + g.int(8), 'c')}\n}\n`;
    },
  },
  js: {
    ext: 'js',
    emit: (g) =>
      `'use strict';\nconst ${g.camel(1)} = require('./${g.word()}');\n\n/**\n * ${g.sentence(10)}\n */\nfunction ${g.camel(3)}(${g.camel(1)}, ${g.camel(1)}) {\n${body(g, '  ', 5 + g.int(12), 'c')}\n}\n\nmodule.exports = { ${g.camel(2)} };\n`,
  },
  py: {
    ext: 'py',
    emit: (g) => {
      const methods = Array.from(
        { length: 2 + g.int(6) },
        () =>
          `    def ${g.snake(2)}(self, ${g.snake(1)}, ${g.snake(1)}=None):\n        """${g.sentence(9)}"""\n${body(g, '        ', 3 + g.int(10), 'py')}\n        return ${g.snake(1)}`,
      );
      return `import ${g.word()}\nfrom .${g.word()} import ${g.pascal(1)}\n\n${g.snake(2).toUpperCase()} = ${g.int(100)}\n\n\nclass ${g.pascal(2)}(${g.pascal(1)}):\n    """${g.sentence(12)}"""\n\n${methods.join('\n\n')}\n\n\ndef ${g.snake(3)}(${g.snake(1)}):\n${body(g, '    ', 4 + g.int(8), 'py')}\n`;
    },
  },
  go: {
    ext: 'go',
    emit: (g) => {
      const t = g.pascal(2);
      const methods = Array.from(
        { length: 2 + g.int(5) },
        () =>
          `// ${g.pascal(2)} ${g.sentence(8).toLowerCase()}\nfunc (s *${t}) ${g.pascal(2)}(${g.camel(1)} string) (int, error) {\n\t${g.camel(2)} := s.${g.camel(1)}[${g.camel(1)}]\n\tif ${g.camel(1)} == nil {\n\t\treturn 0, fmt.Errorf("${g.sentence(4)}")\n\t}\n\treturn ${g.int(100)}, nil\n}`,
      );
      return `package ${g.word()}\n\nimport (\n\t"fmt"\n)\n\n// ${t} ${g.sentence(10).toLowerCase()}\ntype ${t} struct {\n\t${g.camel(1)} map[string]*${g.pascal(1)}\n\t${g.camel(2)} int\n}\n\n${methods.join('\n\n')}\n`;
    },
  },
  rs: {
    ext: 'rs',
    emit: (g) => {
      const t = g.pascal(2);
      const methods = Array.from(
        { length: 2 + g.int(5) },
        () =>
          `    /// ${g.sentence(8)}\n    pub fn ${g.snake(2)}(&mut self, ${g.snake(1)}: &str) -> Result<u64, Error> {\n        let ${g.snake(1)} = self.${g.snake(1)}.get(${g.snake(1)}).ok_or(Error::${g.pascal(1)})?;\n        Ok(${g.int(100)})\n    }`,
      );
      return `use std::collections::HashMap;\n\n/// ${g.sentence(10)}\npub struct ${t} {\n    ${g.snake(1)}: HashMap<String, u64>,\n}\n\nimpl ${t} {\n${methods.join('\n\n')}\n}\n`;
    },
  },
  java: {
    ext: 'java',
    emit: (g) => {
      const t = g.pascal(2);
      const methods = Array.from(
        { length: 2 + g.int(6) },
        () =>
          `    /** ${g.sentence(8)} */\n    public ${g.pascal(1)} ${g.camel(2)}(String ${g.camel(1)}) {\n${body(g, '        ', 2 + g.int(8), 'c').replace(/const /g, 'var ')}\n        return null;\n    }`,
      );
      return `package com.example.${g.word()};\n\nimport java.util.Map;\n\n/** ${g.sentence(10)} */\npublic class ${t} {\n    private final Map<String, ${g.pascal(1)}> ${g.camel(1)};\n\n${methods.join('\n\n')}\n}\n`;
    },
  },
  c: {
    ext: 'c',
    emit: (g) =>
      Array.from(
        { length: 2 + g.int(5) },
        () =>
          `/* ${g.sentence(8)} */\nint ${g.snake(2)}(struct ${g.snake(1)} *${g.snake(1)}, int ${g.snake(1)})\n{\n    int ${g.snake(1)} = ${g.int(100)};\n    if (${g.snake(1)} < 0)\n        return -1;\n    return ${g.snake(2)}(${g.snake(1)});\n}`,
      ).join('\n\n') + '\n',
  },
  rb: {
    ext: 'rb',
    emit: (g) =>
      `module ${g.pascal(1)}\n  # ${g.sentence(10)}\n  class ${g.pascal(2)}\n${Array.from({ length: 2 + g.int(5) }, () => `    # ${g.sentence(8)}\n    def ${g.snake(2)}(${g.snake(1)})\n${body(g, '      ', 2 + g.int(6), 'rb')}\n    end`).join('\n\n')}\n  end\nend\n`,
  },
  md: {
    ext: 'md',
    emit: (g) =>
      `# ${g.sentence(3)}\n\n${g.sentence(30)}\n\n## ${g.sentence(2)}\n\n${g.sentence(40)}\n\n\`\`\`sh\n${g.word()} --${g.word()}\n\`\`\`\n`,
  },
};

const MIX = ['ts', 'ts', 'ts', 'js', 'py', 'py', 'py', 'go', 'go', 'rs', 'java', 'java', 'c', 'rb', 'md'];

export interface GeneratedRepo {
  readonly root: string;
  readonly files: number;
  readonly bytes: number;
  /** Symbols defined in the repo, for symbol queries. */
  readonly symbols: string[];
}

export async function generateRepo(root: string, files: number, seed = 42): Promise<GeneratedRepo> {
  const g = makeGen(seed);
  let bytes = 0;
  const symbols: string[] = [];
  for (let i = 0; i < files; i++) {
    const lang = LANGS[MIX[i % MIX.length]!]!;
    const dir = `${['src', 'lib', 'pkg', 'services', 'internal'][g.int(5)]}/${g.word()}/${g.word()}`;
    const path = join(root, dir, `${g.snake(2)}_${i}.${lang.ext}`);
    const text = lang.emit(g);
    const m = /(?:class|struct|func \(s \*\w+\)|def|function|fn) (\w+)/.exec(text);
    if (m && symbols.length < 500) symbols.push(m[1]!);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
    bytes += Buffer.byteLength(text);
  }
  return { root, files, bytes, symbols };
}

/** Queries over the synthetic vocabulary: natural-language phrases and identifiers. */
export function benchQueries(symbols: readonly string[], n = 120, seed = 7): string[] {
  const g = makeGen(seed);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const kind = i % 3;
    if (kind === 0 && symbols.length > 0) out.push(symbols[g.int(symbols.length)]!);
    else if (kind === 1) out.push(`how does ${g.word()} ${g.word()} handle ${g.word()} ${g.word()}`);
    else out.push(`${g.word()} ${g.word()} ${g.word()}`);
  }
  return out;
}
