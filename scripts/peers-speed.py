#!/usr/bin/env python3
"""Whole-run speed of Ferrite beside the peers, in one run, on the same preprocessed files.

Each peer is run file by file, one at a time (one worker); Ferrite is run once over all the files in
one JVM with -j 1. CPU is user+sys of the child processes (rusage), wall is per command.

usage: scripts/peers-speed.py [--tools gcc-syntax,gcc-analyzer,clang-analyze,cppcheck,sparse,ferrite]
                              [--timeout SECONDS] [--ferrite-opt OPT ...] [FILES...]
FILES default to ../shared/corpus/kernel-6.1-i/*.i. A peer that fails or times out on a file is counted
with the time it took and listed; the exit status of a peer is not a finding count.
"""
import argparse, glob, os, resource, statistics, subprocess, sys, time

here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

PEERS = {
    # gcc on a .i file: no preprocessing, the same front end work as the build
    'gcc-syntax': lambda f: ['gcc', '-fsyntax-only', '-w', f],
    'gcc-analyzer': lambda f: ['gcc', '-fanalyzer', '-c', '-o', '/dev/null', '-w', f],
    'clang-analyze': lambda f: ['clang', '--analyze', '-x', 'cpp-output', '-Xclang', '-analyzer-output=text',
                                '-o', '/dev/null', '-w', f],
    'cppcheck': lambda f: ['cppcheck', '--enable=warning,portability', '--quiet', f],
    'sparse': lambda f: ['sparse', f],
}


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_peer(name, files, timeout):
    walls, failed = {}, []
    cpu0 = children_cpu()
    for f in files:
        t0 = time.perf_counter()
        try:
            p = subprocess.run(PEERS[name](f), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=timeout)
            if p.returncode not in (0, 1):
                failed.append((os.path.basename(f), 'exit %d' % p.returncode))
        except subprocess.TimeoutExpired:
            failed.append((os.path.basename(f), 'timeout %ds' % timeout))
        walls[f] = time.perf_counter() - t0
    return children_cpu() - cpu0, walls, failed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--tools', default='gcc-syntax,gcc-analyzer,ferrite')
    ap.add_argument('--timeout', type=int, default=600)
    ap.add_argument('--ferrite-opt', action='append', default=[])
    ap.add_argument('files', nargs='*')
    a = ap.parse_args()
    files = a.files or sorted(glob.glob(os.path.join(here, '..', 'shared', 'corpus', 'kernel-6.1-i', '*.i')))
    files = [os.path.abspath(f) for f in files]
    tools = a.tools.split(',')
    rows = []
    for t in tools:
        if t == 'ferrite':
            cpu0 = children_cpu()
            t0 = time.perf_counter()
            cmd = [os.path.join(here, 'bin', 'ferrite'), 'check', '--no-cache', '--exit-zero', '-q', '-j', '1'] + a.ferrite_opt + files
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            rows.append((t, children_cpu() - cpu0, time.perf_counter() - t0, None, []))
        else:
            cpu, walls, failed = run_peer(t, files, a.timeout)
            rows.append((t, cpu, sum(walls.values()), walls, failed))
    base = next((r[1] for r in rows if r[0] == 'gcc-syntax'), None)
    print(f'{len(files)} files, one worker each')
    print(f'{"tool":<15}{"CPU s":>10}{"wall s":>10}{"median wall/file":>18}{"max wall/file":>15}{"x gcc CPU":>11}')
    for name, cpu, wall, walls, failed in rows:
        med = f'{statistics.median(walls.values()):.2f}' if walls else '-'
        mx = f'{max(walls.values()):.2f}' if walls else '-'
        ratio = f'{cpu / base:.2f}' if base else '-'
        print(f'{name:<15}{cpu:>10.1f}{wall:>10.1f}{med:>18}{mx:>15}{ratio:>11}')
        for fname, why in failed[:10]:
            print(f'    {name} failed on {fname}: {why}')
        if len(failed) > 10:
            print(f'    ... and {len(failed) - 10} more failures of {name}')


if __name__ == '__main__':
    sys.exit(main())
