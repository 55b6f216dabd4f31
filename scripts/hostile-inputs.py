#!/usr/bin/env python3
"""Writes hostile C inputs for Ferrite's budgets (issue: hardening) into a directory.

usage: scripts/hostile-inputs.py OUT_DIR [--scale S]
  huge_tu.i          a translation unit of about 50 MB (S=1): many small functions and globals
  long_function.c    one function of 20,000 statements
  big_switch.c       a switch of 5,000 cases
  deep_stmt_expr.c   statement expressions nested 200 deep
  big_initializer.c  an initializer of 100,000 elements, expanded from a macro
--scale shrinks (or grows) every size, e.g. --scale 0.01 for a quick check.
"""
import os
import sys


def huge_tu(n_bytes):
    parts = ['# 0 "huge_tu.c"\n', 'void *malloc(unsigned long);\nvoid free(void *);\n']
    size = sum(len(p) for p in parts)
    i = 0
    while size < n_bytes:
        p = (f'struct s{i} {{ int a; char b[16]; struct s{i} *next; }};\n'
             f'static int g{i}[4] = {{ {i}, 1, 2, 3 }};\n'
             f'int f{i}(struct s{i} *p, int n) {{\n'
             f'  int r = 0;\n'
             f'  for (int k = 0; k < n && k < 4; k++) r += g{i}[k] + p->b[k];\n'
             f'  if (p->next) r += p->next->a;\n'
             f'  return r;\n}}\n')
        parts.append(p)
        size += len(p)
        i += 1
    return ''.join(parts)


def long_function(n):
    body = ''.join(f'  x = x * 3 + {k}; if (x > {k}) y += x; else y -= {k};\n' if k % 2 else f'  a[{k % 64}] = x + y;\n'
                   for k in range(n))
    return ('int long_function(int x) {\n  int y = 0; int a[64];\n' + body + '  return y + a[3];\n}\n')


def big_switch(n):
    cases = ''.join(f'  case {k}: r = {k} * x; break;\n' for k in range(n))
    return 'int big_switch(int v, int x) {\n  int r = 0;\n  switch (v) {\n' + cases + '  default: r = -1;\n  }\n  return r;\n}\n'


def deep_stmt_expr(depth):
    e = 'x'
    for k in range(depth):
        e = f'({{ int t{k} = {e}; t{k} + 1; }})'
    return f'int deep(int x) {{\n  return {e};\n}}\n'


def big_initializer(n):
    # E4 expands to 4 elements, E16 to 16, ... so the source is small and the expansion is not
    out = ['#define E1(x) (x)\n',
           '#define E4(x) E1(x), E1(x+1), E1(x+2), E1(x+3)\n',
           '#define E16(x) E4(x), E4(x+4), E4(x+8), E4(x+12)\n',
           '#define E256(x) E16(x), E16(x+16), E16(x+32), E16(x+48), E16(x+64), E16(x+80), E16(x+96), E16(x+112), '
           'E16(x+128), E16(x+144), E16(x+160), E16(x+176), E16(x+192), E16(x+208), E16(x+224), E16(x+240)\n']
    chunks = (n + 255) // 256
    elems = ', '.join(f'E256({k * 256})' for k in range(chunks))
    out.append(f'int table[{chunks * 256}] = {{ {elems} }};\n')
    out.append('int lookup(unsigned i) { return i < sizeof(table) / sizeof(table[0]) ? table[i] : -1; }\n')
    return ''.join(out)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    scale = float(sys.argv[3]) if len(sys.argv) > 3 and sys.argv[2] == '--scale' else 1.0
    os.makedirs(out, exist_ok=True)
    files = {
        'huge_tu.i': huge_tu(int(50_000_000 * scale)),
        'long_function.c': long_function(max(1, int(20_000 * scale))),
        'big_switch.c': big_switch(max(1, int(5_000 * scale))),
        'deep_stmt_expr.c': deep_stmt_expr(max(1, int(200 * scale))),
        'big_initializer.c': big_initializer(max(1, int(100_000 * scale))),
    }
    for name, text in files.items():
        with open(os.path.join(out, name), 'w') as f:
            f.write(text)
        print(f'{name}: {len(text):,} bytes')


if __name__ == '__main__':
    main()
