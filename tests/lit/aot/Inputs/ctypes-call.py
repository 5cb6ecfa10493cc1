#!/usr/bin/python3
# ctypes-call.py LIBRARY PREFIX EVAL_JSON
#
# Calls an `hfc compile` library the way a Python user would, through
# ctypes (no header, no C compiler): PREFIX_nll and PREFIX_nll_grad at the
# exported inits with the exported data, and compares them with
# `hfc eval --grad` (the JIT): nll = -logpdf and its gradient = -grad, to
# 1e-12 relative. Prints how many values matched.
import ctypes
import json
import sys

lib = ctypes.CDLL(sys.argv[1])
prefix = sys.argv[2]
with open(sys.argv[3]) as f:
    evaluated = json.load(f)

npars = ctypes.c_int.in_dll(lib, prefix + "_npars").value
nmain = ctypes.c_int.in_dll(lib, prefix + "_nmain").value
naux = ctypes.c_int.in_dll(lib, prefix + "_naux").value
inits = (ctypes.c_double * npars).in_dll(lib, prefix + "_inits")
data = (ctypes.c_double * nmain).in_dll(lib, prefix + "_observed_data")
aux = (ctypes.c_double * naux).in_dll(lib, prefix + "_aux_data")
names = (ctypes.c_char_p * npars).in_dll(lib, prefix + "_par_names")

nll = getattr(lib, prefix + "_nll")
nll.restype = ctypes.c_double
nll.argtypes = [ctypes.c_void_p] * 3
nll_grad = getattr(lib, prefix + "_nll_grad")
nll_grad.restype = ctypes.c_double
nll_grad.argtypes = [ctypes.c_void_p] * 4
expected_data = getattr(lib, prefix + "_expected_data")
expected_data.restype = None
expected_data.argtypes = [ctypes.c_void_p] * 3

grad = (ctypes.c_double * npars)()
value = nll(inits, data, aux)
value_grad = nll_grad(inits, data, aux, grad)
main_out = (ctypes.c_double * nmain)()
aux_out = (ctypes.c_double * naux)()
expected_data(inits, main_out, aux_out)


def close(a, b):
    return a == b or abs(a - b) <= 1e-12 * max(abs(a), abs(b))


checks = [("nll", value, -evaluated["logpdf"]), ("nll_grad value", value_grad, -evaluated["logpdf"])]
for i in range(npars):
    name = names[i].decode()
    checks.append(("d nll / d " + name, grad[i], -evaluated["grad"][name]))
bad = [c for c in checks if not close(c[1], c[2])]
for name, got, want in bad:
    print("MISMATCH %s: ctypes %.17g, eval %.17g" % (name, got, want))
if bad:
    sys.exit(1)
print("ctypes equals eval: %d values" % len(checks))
print("expected_data: " + " ".join("%.12g" % v for v in main_out))
