"""Threads: concurrent evaluation gives the sequential numbers, and the GIL is
released while compiled code runs."""
import os
import threading
import time

import numpy as np
import pytest

import hfc
from conftest import REFERENCE


@pytest.fixture(scope="module")
def staus():
    """The largest reference model (115 parameters), slow enough to time."""
    ws = hfc.Workspace(os.path.join(REFERENCE, "models", "directstaus_lowMass_bkg.json"))
    model = ws.model()
    return model, ws.data(model)


def points(model, n, seed):
    rng = np.random.default_rng(seed)
    init = model.config.suggested_init()
    return [init * rng.uniform(0.9, 1.1, size=init.shape) for _ in range(n)]


def test_two_threads_give_the_sequential_numbers(staus):
    model, data = staus
    work = [points(model, 200, 1), points(model, 200, 2)]
    sequential = [[(model.logpdf(p, data)[0], model.logpdf_grad(p, data)) for p in w] for w in work]
    results = [None, None]

    def run(k):
        results[k] = [(model.logpdf(p, data)[0], model.logpdf_grad(p, data)) for p in work[k]]

    threads = [threading.Thread(target=run, args=(k,)) for k in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for k in range(2):
        for (a, ga), (b, gb) in zip(results[k], sequential[k]):
            assert a == b
            np.testing.assert_array_equal(ga, gb)


def test_python_runs_while_a_fit_runs(staus):
    """With the GIL held, the counting loop could not advance during the fit."""
    model, data = staus
    done = threading.Event()
    counted = []

    def fit():
        # Several fits, so the C++ side runs long enough to count in on an
        # idle machine too (one fit of this model can end within 10 ms).
        for _ in range(20):
            hfc.infer.mle.fit(data, model, return_uncertainties=True)
        done.set()

    t = threading.Thread(target=fit)
    t.start()
    n = 0
    while not done.is_set():
        n += 1
    t.join()
    counted.append(n)
    assert counted[0] > 1000


def test_calls_of_two_threads_overlap_in_time(staus):
    """With the GIL held during a call, no other thread could start a call before it
    returns, however busy the machine: overlapping call intervals prove it is released."""
    model, data = staus
    work = points(model, 10, 4)
    spans = [[], []]
    clock = time.perf_counter

    def run(k):
        for _ in range(30):
            for p in work:
                t0 = clock()
                model.logpdf_grad(p, data)
                spans[k].append((t0, clock()))

    threads = [threading.Thread(target=run, args=(k,)) for k in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    overlap, i, j = 0.0, 0, 0
    a, b = spans
    while i < len(a) and j < len(b):  # both lists are in time order
        overlap += max(0.0, min(a[i][1], b[j][1]) - max(a[i][0], b[j][0]))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    busy = sum(e - s for s, e in a)
    assert overlap > 0.1 * busy, (overlap, busy)


def wall_ratio(f, tries=10):
    """Best ratio over `tries` of the wall time of f in two threads to f in one."""
    ratios = []
    for _ in range(tries):
        t0 = time.perf_counter()
        f()
        one = time.perf_counter() - t0
        threads = [threading.Thread(target=f) for _ in range(2)]
        t0 = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        ratios.append((time.perf_counter() - t0) / one)
        if ratios[-1] < 1.5:
            break
    return min(ratios), ratios


def test_two_threads_take_less_than_one_and_a_half_times_one(staus):
    """Wall time of two threads each doing N evaluations vs one thread doing N (the ratio
    is 2 with the GIL held). Timing needs two free cores: when a GIL-holding pure-Python
    loop does not show its ratio of ~2 either, the machine is too busy for this
    measurement to mean anything and the test says so and skips (the overlap test above
    still proves the release)."""
    if (os.cpu_count() or 1) < 2:
        pytest.skip("needs two cores")
    model, data = staus
    work = points(model, 20, 3)

    def run():
        for _ in range(20):
            for p in work:
                model.logpdf_grad(p, data)

    best, ratios = wall_ratio(run)
    if best >= 1.5:
        def python_loop():
            s = 0
            for i in range(1_000_000):
                s += i

        control, _ = wall_ratio(python_loop, tries=3)
        if control < 1.9:
            pytest.skip(f"machine too busy to time threads: GIL-held control ratio {control:.2f}, "
                        f"hfc's {best:.2f} ({ratios})")
    assert best < 1.5, ratios
