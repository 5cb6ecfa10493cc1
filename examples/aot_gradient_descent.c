/* examples/aot_gradient_descent.c - using a likelihood compiled by `hfc compile`
 *
 * Evaluates the negative log-likelihood and its gradient at the model's
 * initial parameter values, then minimizes it with a small projected
 * gradient descent: free parameters move against the gradient and are
 * clipped to their bounds, fixed ones stay at their inits. (A real fit wants
 * a quasi-Newton minimizer; this shows the library's interface.)
 *
 * Build (for a library made with `hfc compile model.json -o libtwobin.so`):
 *
 *   cc -o prog aot_gradient_descent.c -I. -L. -ltwobin -Wl,-rpath,. -lm
 *
 * For another prefix, add -DMODEL=NAME (it includes NAME.h and calls NAME_*).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#ifndef MODEL
#define MODEL twobin
#endif
#define CAT_(a, b) a##b
#define CAT(a, b) CAT_(a, b)
#define SYM(name) CAT(MODEL, name) /* SYM(_npars) is twobin_npars */
#define STR_(x) #x
#define STR(x) STR_(x)
#include STR(MODEL.h)

/* twice_nll = -2 logpdf at theta, on the observed data; grad gets d twice_nll / d theta. */
static double twice_nll(const double *theta, double *grad) {
  double logpdf = SYM(_logpdf_grad)(theta, SYM(_observed_data), SYM(_aux_data), grad);
  int i;
  for (i = 0; i < SYM(_npars); ++i)
    grad[i] *= -2;
  return -2 * logpdf;
}

/* theta - step * grad for the free parameters, clipped to the bounds. */
static void project_step(const double *theta, const double *grad, double step, double *out) {
  int i;
  for (i = 0; i < SYM(_npars); ++i) {
    double v = theta[i];
    if (!SYM(_fixed)[i]) {
      v -= step * grad[i];
      if (v < SYM(_lo)[i])
        v = SYM(_lo)[i];
      if (v > SYM(_hi)[i])
        v = SYM(_hi)[i];
    }
    out[i] = v;
  }
}

int main(void) {
  int n = SYM(_npars), i, iter;
  double *theta = malloc(sizeof(double) * (size_t)n);
  double *trial = malloc(sizeof(double) * (size_t)n);
  double *grad = malloc(sizeof(double) * (size_t)n);
  double *trial_grad = malloc(sizeof(double) * (size_t)n);
  double value, step = 1e-3;
  if (!theta || !trial || !grad || !trial_grad)
    return 1;

  printf("model: %s (%d parameters, %d main bins, %d auxiliary data)\n", STR(MODEL), n, SYM(_nmain),
         SYM(_naux));
  for (i = 0; i < n; ++i)
    theta[i] = SYM(_inits)[i];
  /* logpdf and its gradient at the inits, exactly as the library returns them. */
  value = SYM(_logpdf_grad)(theta, SYM(_observed_data), SYM(_aux_data), grad);
  printf("logpdf at inits: %.17g\n", value);
  for (i = 0; i < n; ++i)
    printf("grad %s: %.17g\n", SYM(_par_names)[i], grad[i]);

  /* The expected main data at the inits (the model's prediction per bin). */
  {
    double *main_out = malloc(sizeof(double) * (size_t)SYM(_nmain));
    double *aux_out = malloc(sizeof(double) * (size_t)(SYM(_naux) > 0 ? SYM(_naux) : 1));
    if (!main_out || !aux_out)
      return 1;
    SYM(_expected_data)(theta, main_out, aux_out);
    printf("expected data at inits:");
    for (i = 0; i < SYM(_nmain); ++i)
      printf(" %.17g", main_out[i]);
    printf("\n");
    free(main_out);
    free(aux_out);
  }

  value = twice_nll(theta, grad);
  printf("twice_nll at inits: %.17g\n", value);
  /* Backtracking: a step that lowers twice_nll is taken and the next one
   * tried longer; one that does not is halved. */
  for (iter = 0; iter < 500; ++iter) {
    double next;
    project_step(theta, grad, step, trial);
    next = twice_nll(trial, trial_grad);
    if (isfinite(next) && next <= value) {
      double *swap = theta;
      theta = trial;
      trial = swap;
      swap = grad;
      grad = trial_grad;
      trial_grad = swap;
      value = next;
      step *= 1.5;
    } else {
      step *= 0.5;
    }
  }
  printf("twice_nll after %d steps: %.10f\n", iter, value);
  for (i = 0; i < n; ++i)
    printf("  %s = %.6f%s\n", SYM(_par_names)[i], theta[i], SYM(_fixed)[i] ? " (fixed)" : "");
  free(theta);
  free(trial);
  free(grad);
  free(trial_grad);
  return 0;
}
