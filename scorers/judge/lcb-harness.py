# r1bench's LiveCodeBench harness: runs inside the sandbox, judges one solution (sol.py) on every test of
# tests.json in one process, in order, stopping at the first failure, as LiveCodeBench's evaluator
# (lcb_runner/evaluation/testing_util.py, commit 8610ffb2e044c8f8e83eb55b2df42f9b87432d10) does:
# - the same import block before the solution, with sys.setrecursionlimit(50000);
# - functional tests: the solution module, or Solution() when the source says "class Solution", one
#   instance for all tests; each input line is one JSON argument; the result (a tuple made a list)
#   must equal the JSON-decoded expected output exactly (Python ==);
# - stdin tests: the program runs once per test as __main__; its output and the expected one are
#   stripped, split into lines and each line stripped; the line counts must match and each line must
#   be equal, or be equal as lists of Decimals (no tolerance: Decimal('1.0') == Decimal('1'));
# - SystemExit ends a run normally; each test gets `timeout` seconds (here CPU seconds, with a wall
#   clock guard at three times that for programs that sleep).
# The one verdict line goes to the original stdout, which the solution cannot reach through print.
import io, json, os, signal, sys, time

IMPORTS = """from string import *
from re import *
from datetime import *
from collections import *
from heapq import *
from bisect import *
from copy import *
from math import *
from random import *
from statistics import *
from itertools import *
from functools import *
from operator import *
from io import *
from sys import *
from json import *
from builtins import *
from typing import *
import string
import re
import datetime
import collections
import heapq
import bisect
import copy
import math
import random
import statistics
import itertools
import functools
import operator
import io
import sys
import json
sys.setrecursionlimit(50000)
"""

class Timeout(BaseException):
    pass

def on_timer(signum, frame):
    raise Timeout()

def short(value, n=120):
    s = value if isinstance(value, str) else repr(value)
    return s if len(s) <= n else s[: n // 2] + '...' + s[-n // 2 :]

def decimals(line):
    from decimal import Decimal
    try:
        return [Decimal(x) for x in line.split()]
    except Exception:
        return None

def lines_of(text):
    return [l.strip() for l in text.strip().split('\n')]

def stdin_diff(actual, expected):
    a, e = lines_of(actual), lines_of(expected)
    if len(a) != len(e):
        return 'expected %d lines, got %d' % (len(e), len(a))
    for i, (x, y) in enumerate(zip(a, e)):
        if x == y:
            continue
        dx, dy = decimals(x), decimals(y)
        if dx is None or dy is None or dx != dy:
            return 'line %d: expected %s, got %s' % (i + 1, short(y, 60), short(x, 60))
    return None

def main():
    spec = json.load(open('tests.json', encoding='utf-8'))
    timeout = spec['timeoutSeconds']
    source = IMPORTS + '\n\n' + open('sol.py', encoding='utf-8').read()
    out = os.fdopen(os.dup(1), 'w')
    os.dup2(2, 1)
    def finish(verdict, test=None, detail=None, passed=0):
        out.write(json.dumps({'verdict': verdict, 'test': test, 'detail': detail, 'passed': passed}) + '\n')
        out.flush()
        os._exit(0)
    try:
        code = compile(source, 'sol.py', 'exec')
    except (SyntaxError, ValueError) as e:
        finish('CE', detail=short('%s: %s' % (type(e).__name__, e), 200))
    signal.signal(signal.SIGPROF, on_timer)
    signal.signal(signal.SIGALRM, on_timer)
    def arm(seconds):
        signal.setitimer(signal.ITIMER_PROF, seconds)
        signal.setitimer(signal.ITIMER_REAL, seconds * 3 if seconds else 0)
    functional = spec['funcName'] is not None
    target = None
    for i, t in enumerate(spec['tests']):
        real_stdin, real_stdout = sys.stdin, sys.stdout
        captured = io.TextIOWrapper(io.BytesIO(), encoding='utf-8', write_through=True)
        try:
            if functional:
                args = [json.loads(line) for line in t['input'].split('\n')]
                expected = json.loads(t['output'])
            else:
                path = '/tmp/stdin-%d' % i
                with open(path, 'w', encoding='utf-8') as f:
                    f.write(t['input'])
                fd = os.open(path, os.O_RDONLY)
                # A solution's open(0) closes fd 0 when it is collected: the new file may then be fd 0.
                if fd != 0:
                    os.dup2(fd, 0)
                    os.close(fd)
                sys.stdin = open(0, 'r', encoding='utf-8', closefd=False)
            sys.stdout = captured
            arm(timeout)
            try:
                if functional:
                    if target is None:
                        module = {'__name__': 'solution', '__builtins__': __builtins__}
                        exec(code, module)
                        owner = module['Solution']() if 'class Solution' in source and 'Solution' in module else None
                        fn = getattr(owner, spec['funcName'], None) if owner is not None else module.get(spec['funcName'])
                        if fn is None:
                            raise AttributeError('no function named %s' % spec['funcName'])
                        target = fn
                    result = target(*args)
                else:
                    try:
                        exec(code, {'__name__': '__main__', '__builtins__': __builtins__})
                    except SystemExit:
                        pass
            finally:
                arm(0)
                sys.stdin, sys.stdout = real_stdin, real_stdout
        except Timeout:
            finish('TLE', i, 'over %g s' % timeout, i)
        except MemoryError:
            finish('MLE', i, 'MemoryError', i)
        except BaseException as e:
            finish('RE', i, short('%s: %s' % (type(e).__name__, e), 200), i)
        if functional:
            if isinstance(result, tuple):
                result = list(result)
            if result != expected:
                finish('WA', i, 'expected %s, got %s' % (short(json.dumps(expected)), short(result)), i)
        else:
            captured.flush()
            diff = stdin_diff(captured.buffer.getvalue().decode('utf-8', 'replace'), t['output'])
            if diff is not None:
                finish('WA', i, diff, i)
    finish('AC', passed=len(spec['tests']))

main()
