"""hfc.infer.intervals: pyhf's interval estimation (upper limits)."""
from hfc.infer.intervals import upper_limits


def upperlimit(data, model, scan=None, level=0.05, return_results=False, **hypotest_kwargs):
    """pyhf's older name of upper_limits.upper_limit."""
    return upper_limits.upper_limit(data, model, scan, level, return_results, **hypotest_kwargs)


__all__ = ["upper_limits", "upperlimit"]
