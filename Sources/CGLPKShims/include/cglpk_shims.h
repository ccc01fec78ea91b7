/* CGLPKShims: the only C code of careplace. No stable API; see README.md.
 *
 * Every entry point is one guarded, synchronous call: GLPK's fatal errors come
 * back as CPG_ERROR with GLPK's message, its terminal output is captured, and
 * no GLPK object outlives the call. Indices are 0-based here; the shim
 * translates to GLPK's 1-based arrays. Infinite bounds are +-HUGE_VAL. */
#ifndef CGLPK_SHIMS_H
#define CGLPK_SHIMS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A model as flat arrays, owned by the caller for the duration of a call. */
typedef struct cpg_model {
    int32_t rows;
    int32_t cols;
    int32_t maximize;          /* 0 = minimise, 1 = maximise */
    double obj_offset;
    const double *obj;         /* cols */
    const double *col_lb;      /* cols */
    const double *col_ub;      /* cols */
    const uint8_t *col_int;    /* cols, 1 = integer; may be NULL */
    const double *row_lb;      /* rows */
    const double *row_ub;      /* rows */
    int64_t nnz;
    const int32_t *ia;         /* nnz row indices, 0-based */
    const int32_t *ja;         /* nnz column indices, 0-based */
    const double *ar;          /* nnz values */
    /* Names (optional, all NULL when absent): one UTF-8 buffer and cols+1 /
       rows+1 offsets into it; an empty name means "unnamed". */
    const char *name;          /* problem name, may be NULL */
    const char *col_names;
    const int64_t *col_name_off;
    const char *row_names;
    const int64_t *row_name_off;
} cpg_model;

/* Basis status codes, as GLPK's GLP_BS..GLP_NS. */
enum {
    CPG_BS = 1, CPG_NL = 2, CPG_NU = 3, CPG_NF = 4, CPG_NS = 5
};

enum cpg_lp_method { CPG_METHOD_PRIMAL = 1, CPG_METHOD_DUALP = 2, CPG_METHOD_DUAL = 3, CPG_METHOD_INTERIOR = 4 };

/* Solver parameters, already resolved by Swift (no "unset" values). */
typedef struct cpg_params {
    double time_limit;         /* seconds; <= 0 or non-finite = none */
    int32_t it_lim;            /* iteration limit per simplex call; <= 0 = none */
    int32_t method;            /* cpg_lp_method */
    int32_t pricing;           /* 1 = textbook, 2 = projected steepest edge */
    int32_t r_test;            /* 1 = textbook, 2 = Harris, 3 = long-step (flip) */
    int32_t mip_flip;          /* long-step dual simplex in branch-and-bound 0/1 */
    int32_t presolve;          /* LP presolver 0/1 */
    double tol_bnd, tol_dj, tol_piv;
    int32_t relax;             /* 1 = ignore integrality (solve the LP relaxation) */
    double mip_gap;            /* relative MIP gap, >= 0 */
    double tol_int, tol_obj;
    int32_t br_tech;           /* GLPK's GLP_BR_* values */
    int32_t bt_tech;           /* GLPK's GLP_BT_* values */
    int32_t pp_tech;           /* GLPK's GLP_PP_* values */
    int32_t mip_presolve;
    int32_t gmi_cuts, mir_cuts, cov_cuts, clq_cuts;
    int32_t fp_heur, ps_heur, sr_heur;
    int32_t msg_lev;           /* GLPK's GLP_MSG_* values; output is captured, never printed */
    /* Warm start (optional): basis statuses (CPG_BS..CPG_NS) for rows and
       columns of the model. For a MIP it starts the LP relaxation, and GLPK's
       MIP presolver is then not used. */
    const int8_t *row_stat;
    const int8_t *col_stat;
    /* Cancellation (optional): polled while GLPK works; non-zero stops. */
    int (*should_stop)(void *ctx);
    void *stop_ctx;
} cpg_params;

/* What a solve ended with. */
enum cpg_termination {
    CPG_T_OPTIMAL = 1,
    CPG_T_INFEASIBLE = 2,
    CPG_T_UNBOUNDED = 3,
    CPG_T_INF_OR_UNBD = 4,
    CPG_T_LIMIT = 5,
    CPG_T_NUMERICAL = 6,
    CPG_T_ERROR = 7            /* GLPK fatal error, caught; see message */
};
enum cpg_limit { CPG_L_NONE = 0, CPG_L_TIME = 1, CPG_L_ITER = 2, CPG_L_CANCEL = 3, CPG_L_OBJ = 4 };
enum cpg_point { CPG_P_NONE = 0, CPG_P_FEASIBLE = 1, CPG_P_OPTIMAL = 2, CPG_P_INFEASIBLE = 3 };

typedef struct cpg_result {
    int32_t termination;       /* cpg_termination */
    int32_t limit;             /* cpg_limit */
    int32_t point;             /* cpg_point */
    int32_t is_mip;
    int32_t glpk_ret;          /* return code of the last GLPK solver call */
    int32_t has_bound;
    double objective;          /* of the returned point (incl. offset) */
    double bound;              /* best bound (incl. offset), if has_bound */
    int64_t iterations;
    int64_t nodes;
    int32_t rounds;            /* pricing rounds (column generation) */
    double seconds;
    int32_t rows, cols;        /* final sizes (columns may have been added) */
    double *x;                 /* cols, NULL without a point */
    double *row_act;           /* rows, NULL without a point */
    double *row_dual;          /* rows, LP only */
    double *col_dual;          /* cols, LP only */
    int8_t *row_stat;          /* rows, basis (simplex LP only) */
    int8_t *col_stat;          /* cols */
    char *log;                 /* captured terminal output, NUL-terminated */
    char message[1024];        /* for CPG_T_ERROR: what went wrong */
} cpg_result;

/* Columns to add in a pricing round, owned by the caller until the next
   callback or the end of the call. */
typedef struct cpg_columns {
    int32_t count;
    const double *obj, *lb, *ub;
    const uint8_t *is_int;     /* may be NULL */
    const int64_t *start;      /* count+1 offsets into ind/val */
    const int32_t *ind;        /* 0-based row indices */
    const double *val;
} cpg_columns;

typedef struct cpg_lp_state {
    int32_t round;             /* 1, 2, ... */
    int32_t rows, cols;
    double objective;
    const double *row_dual;    /* rows */
} cpg_lp_state;

/* Returns 1 when `out` holds columns to add, 0 to stop, -1 to abandon the
   solve (the caller has recorded why). */
typedef int (*cpg_pricing_fn)(void *ctx, const cpg_lp_state *state, cpg_columns *out);

/* Solve `model`. Must not be called from inside another cpg_ entry on the
   same thread (e.g. from a pricing callback): that returns CPG_T_ERROR. With
   `pricing` set, the LP (relaxation) is solved, then the
   callback may add columns and the LP is re-solved warm from the previous
   basis until it returns 0; integer columns are then enforced by
   branch-and-bound over all columns present. Always fills `out` (release it
   with cpg_result_release). Returns out->termination. */
int cpg_solve(const cpg_model *model, const cpg_params *params,
              cpg_pricing_fn pricing, void *pricing_ctx, cpg_result *out);

void cpg_result_release(cpg_result *r);

/* A model read from a file: arrays allocated by the shim. */
typedef struct cpg_model_data {
    int32_t rows, cols, maximize;
    double obj_offset;
    double *obj, *col_lb, *col_ub;
    uint8_t *col_int;
    double *row_lb, *row_ub;
    int64_t nnz;
    int32_t *ia, *ja;
    double *ar;
    char *name;
    char *col_names; int64_t *col_name_off;
    char *row_names; int64_t *row_name_off;
} cpg_model_data;

enum cpg_format { CPG_FORMAT_MPS_FIXED = 1, CPG_FORMAT_MPS_FREE = 2, CPG_FORMAT_CPLEX_LP = 3 };

/* Reads a model file (gzip-compressed when the name ends in .gz). Returns 0
   and fills `out`, or non-zero with GLPK's message in `message`. */
int cpg_read_model(const char *path, int32_t format, cpg_model_data *out,
                   char *message, size_t message_size);
void cpg_model_data_release(cpg_model_data *m);

/* Writes `model` with its names. Returns 0, or non-zero with a message. */
int cpg_write_model(const cpg_model *model, int32_t format, const char *path,
                    char *message, size_t message_size);

/* GLPK's version string, e.g. "5.0". */
const char *cpg_glpk_version(void);

/* For tests of the guard only: makes GLPK raise a fatal error inside a guarded
   call (an invalid row index) and returns what the guard reported. */
int cpg_debug_trigger_fatal_error(char *message, size_t message_size);

#ifdef __cplusplus
}
#endif
#endif
