#!/usr/bin/env python3
"""Front-end speed on preprocessed files, in one run: gcc -fsyntax-only per file against Ferrite's
parse + lower time per file (one JVM, one worker, from `ferrite check --time -j 1`).

usage: scripts/frontend-speed.py [FILES...]   (default: ../shared/corpus/kernel-6.1-i/*.i)
With WARM=1, the JVM first parses a copy of every file (not timed), so the timed files meet a warm JVM.
"""
import glob, os, re, resource, statistics, subprocess, sys, time

here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
files = sys.argv[1:] or sorted(glob.glob(os.path.join(here, '..', 'shared', 'corpus', 'kernel-6.1-i', '*.i')))
files = [os.path.abspath(f) for f in files]

gcc = {}
cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
for f in files:
    t0 = time.perf_counter()
    subprocess.run(['gcc', '-fsyntax-only', '-w', f], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    gcc[f] = (time.perf_counter() - t0) * 1000
cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
gcc_cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)

warmup = []
if os.environ.get('WARM') == '1':
    import shutil, tempfile
    d = tempfile.mkdtemp(prefix='ferrite-warm-')
    for f in files:
        shutil.copy(f, os.path.join(d, os.path.basename(f)))
        warmup.append(os.path.join(d, os.path.basename(f)))
t0 = time.perf_counter()
p = subprocess.run([os.path.join(here, 'bin', 'ferrite'), 'check', '--no-cache', '--exit-zero', '-j', '1', '--time', '--stats'] + warmup + files,
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
fer_wall = time.perf_counter() - t0
cpu2 = resource.getrusage(resource.RUSAGE_CHILDREN)
fer_cpu = (cpu2.ru_utime - cpu1.ru_utime) + (cpu2.ru_stime - cpu1.ru_stime)
fer = {}
for line in p.stderr.splitlines():
    m = re.match(r'ferrite: time: (.*): preprocess (\d+) ms, parse (\d+) ms, lower (\d+) ms', line)
    if m:
        fer[os.path.abspath(m.group(1))] = (int(m.group(3)), int(m.group(4)))
ratios = []
for f in files:
    if f in fer:
        ratios.append((fer[f][0] + fer[f][1]) / gcc[f])
tot_gcc = sum(gcc.values())
fer = {f: fer[f] for f in files if f in fer}  # the warm-up copies are not timed
tot_parse = sum(v[0] for v in fer.values())
tot_lower = sum(v[1] for v in fer.values())
print(f'files: {len(files)} (timed by ferrite: {len(fer)})')
print(f'gcc -fsyntax-only: total wall {tot_gcc / 1000:.2f} s, median {statistics.median(gcc.values()):.0f} ms/file, CPU {gcc_cpu:.2f} s')
print(f'ferrite parse+lower: total {(tot_parse + tot_lower) / 1000:.2f} s (parse {tot_parse / 1000:.2f} s, lower {tot_lower / 1000:.2f} s), '
      f'median {statistics.median([fer[f][0] + fer[f][1] for f in fer]):.0f} ms/file')
print(f'ratio parse+lower / gcc: median per file {statistics.median(ratios):.2f}x, total {(tot_parse + tot_lower) / tot_gcc:.2f}x')
print(f'whole ferrite check (one JVM, -j 1, analysis included): wall {fer_wall:.2f} s, CPU {fer_cpu:.2f} s = {fer_cpu / gcc_cpu:.2f}x gcc CPU')
for line in p.stderr.splitlines():
    if line.startswith('ferrite: stats:') or re.match(r'ferrite: \d+ files', line) or line.startswith('ferrite: time: front end'):
        print(line)
