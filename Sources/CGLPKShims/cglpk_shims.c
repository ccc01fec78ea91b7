/* CGLPKShims: guarded entry points into GLPK. See include/cglpk_shims.h and
 * README.md. Every GLPK call of careplace happens in this file. */
#include "cglpk_shims.h"

#include <glpk.h>
#include <float.h>
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ------------------------------------------------------------------ guard */

#define LOG_CAP (1u << 20)     /* keep at most 1 MiB of GLPK output */
#define MAX_BLOCKS 16

enum { JUMP_ERROR = 1, JUMP_CANCEL = 2, JUMP_TIME = 3 };

/* GLPK's environment is per thread and each entry frees it on return, so an
   entry must not run inside another on the same thread (e.g. a solve started
   from a pricing callback): that would free the outer call's problem. */
static _Thread_local int entry_depth = 0;

/* Lives on the heap, not in the guarded frame, so that its fields keep their
   values across longjmp without volatile qualifiers. */
typedef struct guard {
    jmp_buf jb;
    int (*should_stop)(void *ctx);
    void *stop_ctx;
    int jump_kind;             /* JUMP_* of the last longjmp */
    int may_jump_on_stop;      /* 1 while GLPK runs without a callback of ours */
    int may_jump_on_time;      /* 1 while it runs without a time limit of its own */
    double deadline;           /* monotonic seconds, or INFINITY */
    int stopped;
    int timed_out;
    char *log;
    size_t log_len, log_cap;
    int log_truncated;
    char err[1024];
    size_t err_len;
    void *blocks[MAX_BLOCKS];  /* malloc'd scratch freed on every exit */
    /* MIP progress, recorded by the branch-and-bound callback */
    int has_bound;
    double bound;
    int64_t nodes;
} guard;

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static _Noreturn void jump(guard *g, int kind) {
    g->jump_kind = kind;
    longjmp(g->jb, 1);
}

static void log_append(guard *g, const char *s) {
    size_t n = strlen(s);
    if (g->log_truncated) return;
    if (g->log_len + n + 1 > LOG_CAP) {
        static const char cut[] = "[GLPK output truncated]\n";
        s = cut;
        n = sizeof cut - 1;
        g->log_truncated = 1;
    }
    if (g->log_len + n + 1 > g->log_cap) {
        size_t cap = g->log_cap ? g->log_cap : 4096;
        while (cap < g->log_len + n + 1) cap *= 2;
        char *p = realloc(g->log, cap);
        if (p == NULL) { g->log_truncated = 1; return; }
        g->log = p;
        g->log_cap = cap;
    }
    memcpy(g->log + g->log_len, s, n);
    g->log_len += n;
    g->log[g->log_len] = '\0';
}

static int term_hook(void *info, const char *s) {
    guard *g = info;
    int at_error = glp_at_error();
    if (at_error) {
        size_t n = strlen(s);
        if (g->err_len + n >= sizeof g->err) n = sizeof g->err - 1 - g->err_len;
        memcpy(g->err + g->err_len, s, n);
        g->err_len += n;
        g->err[g->err_len] = '\0';
    }
    log_append(g, s);
    /* Simplex and interior point have no callback: GLPK's progress output
       (every out_frq ms) is where a cancellation request is noticed. The
       environment is freed after the jump, as after a fatal error. */
    if (!at_error && g->may_jump_on_stop && g->should_stop != NULL &&
        g->should_stop(g->stop_ctx)) {
        g->stopped = 1;
        jump(g, JUMP_CANCEL);
    }
    if (!at_error && g->may_jump_on_time && now_seconds() >= g->deadline) {
        g->timed_out = 1;
        jump(g, JUMP_TIME);
    }
    return 1; /* never write to the real terminal */
}

static void error_hook(void *info) {
    jump(info, JUMP_ERROR);
}

#define NESTED_MESSAGE "GLPK is already in use on this thread (a solve started inside a pricing callback?); run the inner solve on another thread"

/* Starts a guarded call; NULL when out of memory or nested (see entry_depth). */
static guard *guard_new(const cpg_params *p, const char **why) {
    if (entry_depth > 0) { *why = NESTED_MESSAGE; return NULL; }
    guard *g = calloc(1, sizeof *g);
    if (g == NULL) { *why = "out of memory"; return NULL; }
    entry_depth++;
    g->deadline = INFINITY;
    if (p != NULL) {
        g->should_stop = p->should_stop;
        g->stop_ctx = p->stop_ctx;
    }
    return g;
}

static void *guard_alloc(guard *g, size_t bytes) {
    for (int k = 0; k < MAX_BLOCKS; k++) {
        if (g->blocks[k] == NULL) {
            void *p = malloc(bytes ? bytes : 1);
            if (p == NULL) {
                strcpy(g->err, "out of memory in the GLPK shim");
                jump(g, JUMP_ERROR);
            }
            g->blocks[k] = p;
            return p;
        }
    }
    strcpy(g->err, "shim scratch table exhausted");
    jump(g, JUMP_ERROR);
}

static void guard_free(guard *g, void *p) {
    for (int k = 0; k < MAX_BLOCKS; k++) {
        if (g->blocks[k] == p) { free(p); g->blocks[k] = NULL; return; }
    }
}

/* Ends a guarded call: frees scratch, the thread's GLPK environment (and with
   it every GLPK object still alive), and the guard. Returns the log. */
static char *guard_end(guard *g) {
    glp_term_hook(NULL, NULL);
    glp_error_hook(NULL, NULL);
    glp_free_env();
    for (int k = 0; k < MAX_BLOCKS; k++) free(g->blocks[k]);
    char *log = g->log;
    free(g);
    entry_depth--;
    return log;
}

static void copy_message(char *dst, size_t size, const char *src) {
    if (dst == NULL || size == 0) return;
    snprintf(dst, size, "%s", src ? src : "");
}

/* --------------------------------------------------------------- building */

static int bound_type(double lb, double ub) {
    int lo = isfinite(lb), up = isfinite(ub);
    if (!lo && !up) return GLP_FR;
    if (lo && !up) return GLP_LO;
    if (!lo && up) return GLP_UP;
    return lb == ub ? GLP_FX : GLP_DB;
}

static const char *name_at(const char *buf, const int64_t *off, int32_t k, char *tmp, size_t tmpsize) {
    if (buf == NULL || off == NULL) return NULL;
    int64_t a = off[k], b = off[k + 1];
    if (b <= a) return NULL;
    size_t n = (size_t)(b - a);
    if (n >= tmpsize) n = tmpsize - 1;
    memcpy(tmp, buf + a, n);
    tmp[n] = '\0';
    return tmp;
}

static glp_prob *build_problem(const cpg_model *m, guard *g, int with_names) {
    glp_prob *P = glp_create_prob();
    char tmp[512];
    if (with_names && m->name != NULL && m->name[0] != '\0') glp_set_prob_name(P, m->name);
    glp_set_obj_dir(P, m->maximize ? GLP_MAX : GLP_MIN);
    glp_set_obj_coef(P, 0, m->obj_offset);
    if (m->rows > 0) glp_add_rows(P, m->rows);
    if (m->cols > 0) glp_add_cols(P, m->cols);
    for (int32_t i = 0; i < m->rows; i++) {
        glp_set_row_bnds(P, i + 1, bound_type(m->row_lb[i], m->row_ub[i]), m->row_lb[i], m->row_ub[i]);
        if (with_names) {
            const char *nm = name_at(m->row_names, m->row_name_off, i, tmp, sizeof tmp);
            if (nm != NULL) glp_set_row_name(P, i + 1, nm);
        }
    }
    for (int32_t j = 0; j < m->cols; j++) {
        glp_set_col_bnds(P, j + 1, bound_type(m->col_lb[j], m->col_ub[j]), m->col_lb[j], m->col_ub[j]);
        glp_set_obj_coef(P, j + 1, m->obj[j]);
        if (m->col_int != NULL && m->col_int[j]) glp_set_col_kind(P, j + 1, GLP_IV);
        if (with_names) {
            const char *nm = name_at(m->col_names, m->col_name_off, j, tmp, sizeof tmp);
            if (nm != NULL) glp_set_col_name(P, j + 1, nm);
        }
    }
    if (m->nnz > 0) {
        if (m->nnz > 2147483646) {
            strcpy(g->err, "too many nonzeros for GLPK (more than 2^31 - 2)");
            jump(g, JUMP_ERROR);
        }
        int ne = (int)m->nnz;
        int *ia = guard_alloc(g, sizeof(int) * ((size_t)ne + 1));
        int *ja = guard_alloc(g, sizeof(int) * ((size_t)ne + 1));
        double *ar = guard_alloc(g, sizeof(double) * ((size_t)ne + 1));
        for (int k = 0; k < ne; k++) {
            ia[k + 1] = m->ia[k] + 1;
            ja[k + 1] = m->ja[k] + 1;
            ar[k + 1] = m->ar[k];
        }
        glp_load_matrix(P, ne, ia, ja, ar);
        guard_free(g, ia);
        guard_free(g, ja);
        guard_free(g, ar);
    }
    return P;
}

/* ---------------------------------------------------------------- solving */

static int remaining_ms(double deadline) {
    if (!isfinite(deadline)) return INT32_MAX;
    double left = (deadline - now_seconds()) * 1000.0;
    if (left <= 1.0) return 1;
    if (left >= (double)INT32_MAX) return INT32_MAX;
    return (int)left;
}

/* Cancellation and (for interior point and GLPK's own root LP) time limits are
   noticed in GLPK's progress output, which needs at least GLP_MSG_ON. */
static int message_level(const cpg_params *p, double deadline) {
    int lev = p->msg_lev;
    if ((p->should_stop != NULL || isfinite(deadline)) && lev < GLP_MSG_ON) lev = GLP_MSG_ON;
    return lev;
}

static void init_smcp(glp_smcp *s, const cpg_params *p, double deadline, int has_stop) {
    glp_init_smcp(s);
    s->msg_lev = message_level(p, deadline);
    s->meth = p->method == CPG_METHOD_PRIMAL ? GLP_PRIMAL : p->method == CPG_METHOD_DUAL ? GLP_DUAL : GLP_DUALP;
    s->pricing = p->pricing == 1 ? GLP_PT_STD : GLP_PT_PSE;
    s->r_test = p->r_test == 1 ? GLP_RT_STD : p->r_test == 3 ? GLP_RT_FLIP : GLP_RT_HAR;
    if (p->tol_bnd > 0) s->tol_bnd = p->tol_bnd;
    if (p->tol_dj > 0) s->tol_dj = p->tol_dj;
    if (p->tol_piv > 0) s->tol_piv = p->tol_piv;
    if (p->it_lim > 0) s->it_lim = p->it_lim;
    s->tm_lim = remaining_ms(deadline);
    s->out_frq = has_stop ? 100 : 5000;
    s->out_dly = 0;
    s->presolve = p->presolve ? GLP_ON : GLP_OFF;
}

/* Maps the outcome of glp_simplex. */
static void map_simplex(glp_prob *P, int ret, cpg_result *out) {
    out->glpk_ret = ret;
    out->termination = CPG_T_ERROR;
    out->limit = CPG_L_NONE;
    out->point = CPG_P_NONE;
    int st = glp_get_status(P);
    int prim = glp_get_prim_stat(P);
    switch (ret) {
    case 0:
        switch (st) {
        case GLP_OPT: out->termination = CPG_T_OPTIMAL; out->point = CPG_P_OPTIMAL; break;
        case GLP_NOFEAS: out->termination = CPG_T_INFEASIBLE; break;
        case GLP_UNBND: out->termination = CPG_T_UNBOUNDED; out->point = prim == GLP_FEAS ? CPG_P_FEASIBLE : CPG_P_NONE; break;
        case GLP_FEAS: out->termination = CPG_T_NUMERICAL; out->point = CPG_P_FEASIBLE; break;
        default: out->termination = CPG_T_NUMERICAL; break;
        }
        break;
    case GLP_ENOPFS: out->termination = CPG_T_INFEASIBLE; break;
    case GLP_ENODFS: out->termination = CPG_T_INF_OR_UNBD; break;
    case GLP_ETMLIM: case GLP_EITLIM: case GLP_EOBJLL: case GLP_EOBJUL:
        out->termination = CPG_T_LIMIT;
        out->limit = ret == GLP_ETMLIM ? CPG_L_TIME : ret == GLP_EITLIM ? CPG_L_ITER : CPG_L_OBJ;
        out->point = prim == GLP_FEAS ? CPG_P_FEASIBLE : CPG_P_NONE;
        break;
    case GLP_ESING: case GLP_ECOND: case GLP_EFAIL:
        out->termination = CPG_T_NUMERICAL; break;
    case GLP_EBOUND:
        out->termination = CPG_T_ERROR;
        copy_message(out->message, sizeof out->message,
                     "invalid bounds: a double-bounded variable or row has lower >= upper (GLP_EBOUND)");
        break;
    default:
        out->termination = CPG_T_ERROR;
        snprintf(out->message, sizeof out->message, "glp_simplex returned code %d", ret);
        break;
    }
}

static int run_simplex(glp_prob *P, const cpg_params *p, guard *g, double deadline, int presolve, int meth) {
    glp_smcp s;
    init_smcp(&s, p, deadline, g->should_stop != NULL);
    s.presolve = presolve ? GLP_ON : GLP_OFF;
    if (meth != 0) s.meth = meth;
    g->may_jump_on_stop = 1;
    int ret = glp_simplex(P, &s);
    if (!presolve && (ret == GLP_EBADB || ret == GLP_ESING || ret == GLP_ECOND)) {
        /* the given (warm) basis is unusable: start again from a crash basis */
        glp_adv_basis(P, 0);
        s.tm_lim = remaining_ms(deadline);
        ret = glp_simplex(P, &s);
    }
    if (ret == GLP_ENODFS && presolve) {
        /* The presolver only says "no dual feasible solution": solve again
           without it to tell an unbounded LP from an infeasible one. */
        glp_adv_basis(P, 0);
        s.presolve = GLP_OFF;
        s.tm_lim = remaining_ms(deadline);
        ret = glp_simplex(P, &s);
    }
    if (ret == 0 && s.meth != GLP_PRIMAL && glp_get_status(P) != GLP_OPT &&
        glp_get_status(P) != GLP_NOFEAS && glp_get_status(P) != GLP_UNBND) {
        /* The dual simplex found no dual feasible basis: the LP is unbounded
           or infeasible. The primal simplex, from where it stopped, decides. */
        s.meth = GLP_PRIMAL;
        s.tm_lim = remaining_ms(deadline);
        ret = glp_simplex(P, &s);
    }
    g->may_jump_on_stop = 0;
    return ret;
}

static void mip_callback(glp_tree *T, void *info) {
    guard *g = info;
    /* From here on the tree stops gracefully (keeping its incumbent). */
    g->may_jump_on_stop = 0;
    g->may_jump_on_time = 0;
    int reason = glp_ios_reason(T);
    if (reason == GLP_ISELECT || reason == GLP_IBINGO) {
        int p = glp_ios_best_node(T);
        if (p != 0) {
            double b = glp_ios_node_bound(T, p);
            /* a node not yet solved has the bound -+DBL_MAX: no information */
            if (fabs(b) < DBL_MAX) { g->bound = b; g->has_bound = 1; }
        }
        int a_cnt, n_cnt, t_cnt;
        glp_ios_tree_size(T, &a_cnt, &n_cnt, &t_cnt);
        g->nodes = t_cnt;
    }
    if (g->stopped || g->timed_out) return;
    if (g->should_stop != NULL && g->should_stop(g->stop_ctx)) {
        g->stopped = 1;
        glp_ios_terminate(T);
    } else if (now_seconds() >= g->deadline) {
        /* GLPK restarts its clock for the tree after its own root LP */
        g->timed_out = 1;
        glp_ios_terminate(T);
    }
}

static void map_intopt(glp_prob *P, int ret, guard *g, cpg_result *out) {
    out->glpk_ret = ret;
    out->termination = CPG_T_ERROR;
    out->limit = CPG_L_NONE;
    out->point = CPG_P_NONE;
    int st = glp_mip_status(P);
    int has_point = st == GLP_OPT || st == GLP_FEAS;
    switch (ret) {
    case 0:
        if (st == GLP_OPT) { out->termination = CPG_T_OPTIMAL; out->point = CPG_P_OPTIMAL; }
        else if (st == GLP_NOFEAS) out->termination = CPG_T_INFEASIBLE;
        else out->termination = CPG_T_NUMERICAL;
        break;
    case GLP_EMIPGAP: /* stopped within the requested relative gap */
        out->termination = CPG_T_OPTIMAL;
        out->point = has_point ? CPG_P_FEASIBLE : CPG_P_NONE;
        break;
    case GLP_ETMLIM: case GLP_ESTOP:
        out->termination = CPG_T_LIMIT;
        out->limit = ret == GLP_ETMLIM ? CPG_L_TIME : CPG_L_CANCEL;
        out->point = has_point ? CPG_P_FEASIBLE : CPG_P_NONE;
        break;
    case GLP_ENOPFS: out->termination = CPG_T_INFEASIBLE; break;
    case GLP_ENODFS: out->termination = CPG_T_INF_OR_UNBD; break;
    case GLP_EROOT: case GLP_EFAIL:
        out->termination = CPG_T_NUMERICAL; break;
    case GLP_EBOUND:
        copy_message(out->message, sizeof out->message,
                     "invalid bounds: lower >= upper, or an integer variable with fractional bounds (GLP_EBOUND)");
        break;
    default:
        snprintf(out->message, sizeof out->message, "glp_intopt returned code %d", ret);
        break;
    }
    if (out->termination == CPG_T_LIMIT) {
        if (g->stopped) out->limit = CPG_L_CANCEL;
        else if (g->timed_out) out->limit = CPG_L_TIME;
    }
}

static int run_intopt(glp_prob *P, const cpg_params *p, guard *g, double deadline, int presolve) {
    glp_iocp c;
    glp_init_iocp(&c);
    c.msg_lev = message_level(p, deadline);
    if (p->br_tech > 0) c.br_tech = p->br_tech;
    if (p->bt_tech > 0) c.bt_tech = p->bt_tech;
    c.pp_tech = p->pp_tech;
    if (p->tol_int > 0) c.tol_int = p->tol_int;
    if (p->tol_obj > 0) c.tol_obj = p->tol_obj;
    c.mip_gap = p->mip_gap > 0 ? p->mip_gap : 0.0;
    c.tm_lim = remaining_ms(deadline);
    c.out_frq = g->should_stop ? 100 : 5000;
    c.out_dly = 0;
    c.cb_func = mip_callback;
    c.cb_info = g;
    c.gmi_cuts = p->gmi_cuts ? GLP_ON : GLP_OFF;
    c.mir_cuts = p->mir_cuts ? GLP_ON : GLP_OFF;
    c.cov_cuts = p->cov_cuts ? GLP_ON : GLP_OFF;
    c.clq_cuts = p->clq_cuts ? GLP_ON : GLP_OFF;
    c.presolve = presolve ? GLP_ON : GLP_OFF;
    c.fp_heur = p->fp_heur ? GLP_ON : GLP_OFF;
    c.ps_heur = p->ps_heur ? GLP_ON : GLP_OFF;
    c.sr_heur = p->sr_heur ? GLP_ON : GLP_OFF;
    if (c.ps_heur && isfinite(deadline)) {
        int ms = remaining_ms(deadline);
        if (ms < c.ps_tm_lim) c.ps_tm_lim = ms;
    }
    c.flip = p->mip_flip ? GLP_ON : GLP_OFF;
    /* With its presolver GLPK solves the root LP itself, with no callback and
       no deadline of ours: until the first callback, stop from its output. */
    g->may_jump_on_stop = presolve;
    g->may_jump_on_time = presolve && isfinite(deadline);
    int ret = glp_intopt(P, &c);
    g->may_jump_on_stop = 0;
    g->may_jump_on_time = 0;
    return ret;
}

static void map_interior(glp_prob *P, int ret, cpg_result *out) {
    out->glpk_ret = ret;
    out->limit = CPG_L_NONE;
    out->point = CPG_P_NONE;
    if (ret == 0) {
        int st = glp_ipt_status(P);
        if (st == GLP_OPT) { out->termination = CPG_T_OPTIMAL; out->point = CPG_P_OPTIMAL; }
        /* interior point's "no feasible solution" means primal or dual */
        else if (st == GLP_NOFEAS) out->termination = CPG_T_INF_OR_UNBD;
        else out->termination = CPG_T_NUMERICAL;
    } else if (ret == GLP_EITLIM) {
        out->termination = CPG_T_LIMIT; out->limit = CPG_L_ITER;
    } else if (ret == GLP_ENOFEAS) {
        out->termination = CPG_T_INF_OR_UNBD;
    } else if (ret == GLP_EBOUND) {
        out->termination = CPG_T_ERROR;
        copy_message(out->message, sizeof out->message,
                     "invalid bounds: a double-bounded variable or row has lower >= upper (GLP_EBOUND)");
    } else {
        out->termination = CPG_T_NUMERICAL;
    }
}

enum { SOL_SIMPLEX = 1, SOL_INTERIOR = 2, SOL_MIP = 3 };

static void extract(glp_prob *P, int kind, cpg_result *out) {
    int m = glp_get_num_rows(P), n = glp_get_num_cols(P);
    out->rows = m;
    out->cols = n;
    out->iterations = glp_get_it_cnt(P);
    if (out->point == CPG_P_NONE) return;
    out->x = malloc(sizeof(double) * (size_t)(n ? n : 1));
    out->row_act = malloc(sizeof(double) * (size_t)(m ? m : 1));
    if (out->x == NULL || out->row_act == NULL) {
        out->termination = CPG_T_ERROR;
        copy_message(out->message, sizeof out->message, "out of memory while copying the solution");
        return;
    }
    if (kind == SOL_MIP) {
        out->objective = glp_mip_obj_val(P);
        for (int j = 0; j < n; j++) out->x[j] = glp_mip_col_val(P, j + 1);
        for (int i = 0; i < m; i++) out->row_act[i] = glp_mip_row_val(P, i + 1);
        return;
    }
    out->row_dual = malloc(sizeof(double) * (size_t)(m ? m : 1));
    out->col_dual = malloc(sizeof(double) * (size_t)(n ? n : 1));
    if (out->row_dual == NULL || out->col_dual == NULL) {
        out->termination = CPG_T_ERROR;
        copy_message(out->message, sizeof out->message, "out of memory while copying the solution");
        return;
    }
    if (kind == SOL_INTERIOR) {
        out->objective = glp_ipt_obj_val(P);
        for (int j = 0; j < n; j++) { out->x[j] = glp_ipt_col_prim(P, j + 1); out->col_dual[j] = glp_ipt_col_dual(P, j + 1); }
        for (int i = 0; i < m; i++) { out->row_act[i] = glp_ipt_row_prim(P, i + 1); out->row_dual[i] = glp_ipt_row_dual(P, i + 1); }
        return;
    }
    out->objective = glp_get_obj_val(P);
    out->row_stat = malloc((size_t)(m ? m : 1));
    out->col_stat = malloc((size_t)(n ? n : 1));
    for (int j = 0; j < n; j++) {
        out->x[j] = glp_get_col_prim(P, j + 1);
        out->col_dual[j] = glp_get_col_dual(P, j + 1);
        if (out->col_stat) out->col_stat[j] = (int8_t)glp_get_col_stat(P, j + 1);
    }
    for (int i = 0; i < m; i++) {
        out->row_act[i] = glp_get_row_prim(P, i + 1);
        out->row_dual[i] = glp_get_row_dual(P, i + 1);
        if (out->row_stat) out->row_stat[i] = (int8_t)glp_get_row_stat(P, i + 1);
    }
}

static void add_columns(glp_prob *P, guard *g, const cpg_columns *c) {
    int m = glp_get_num_rows(P);
    int first = glp_add_cols(P, c->count);
    int *ind = guard_alloc(g, sizeof(int) * ((size_t)m + 2));
    double *val = guard_alloc(g, sizeof(double) * ((size_t)m + 2));
    for (int32_t k = 0; k < c->count; k++) {
        int j = first + k;
        glp_set_col_bnds(P, j, bound_type(c->lb[k], c->ub[k]), c->lb[k], c->ub[k]);
        glp_set_obj_coef(P, j, c->obj[k]);
        if (c->is_int != NULL && c->is_int[k]) glp_set_col_kind(P, j, GLP_IV);
        int64_t a = c->start[k], b = c->start[k + 1];
        if (b - a > m) {
            strcpy(g->err, "a priced column has more entries than the model has rows");
            jump(g, JUMP_ERROR);
        }
        int len = 0;
        for (int64_t e = a; e < b; e++) { len++; ind[len] = c->ind[e] + 1; val[len] = c->val[e]; }
        glp_set_mat_col(P, j, len, ind, val);
    }
    guard_free(g, ind);
    guard_free(g, val);
}

/* After a longjmp out of GLPK: the result says why, and holds nothing half-made. */
static int solve_jumped(guard *g, cpg_result *out, double t0) {
    if (g->jump_kind == JUMP_CANCEL || g->jump_kind == JUMP_TIME) {
        out->termination = CPG_T_LIMIT;
        out->limit = g->jump_kind == JUMP_CANCEL ? CPG_L_CANCEL : CPG_L_TIME;
    } else {
        out->termination = CPG_T_ERROR;
        copy_message(out->message, sizeof out->message, g->err[0] ? g->err : "GLPK raised a fatal error");
    }
    free(out->x); free(out->row_act); free(out->row_dual); free(out->col_dual);
    free(out->row_stat); free(out->col_stat);
    out->x = out->row_act = out->row_dual = out->col_dual = NULL;
    out->row_stat = out->col_stat = NULL;
    out->point = CPG_P_NONE;
    out->log = guard_end(g);
    out->seconds = now_seconds() - t0;
    return out->termination;
}

/* The interior-point method: -1 when not used (or it failed), else glp_interior's return. */
static int solve_interior(glp_prob *P, const cpg_model *model, const cpg_params *params, guard *g,
                          double deadline, int n_int, cpg_pricing_fn pricing) {
    if (params->method != CPG_METHOD_INTERIOR || n_int != 0 || pricing != NULL ||
        model->rows <= 0 || model->cols <= 0) return -1;
    glp_iptcp ip;
    glp_init_iptcp(&ip);
    ip.msg_lev = message_level(params, deadline);
    /* glp_interior has no time limit: the deadline is checked in its output */
    g->may_jump_on_stop = 1;
    g->may_jump_on_time = isfinite(deadline);
    int ret = glp_interior(P, &ip);
    g->may_jump_on_stop = 0;
    g->may_jump_on_time = 0;
    return ret == GLP_EFAIL ? -1 : ret;
}

/* Column generation: while the LP is optimal, the callback prices columns
   from its duals; they join the model and the simplex goes on. */
static void price_columns(glp_prob *P, const cpg_params *params, guard *g, double deadline,
                          cpg_pricing_fn pricing, void *pricing_ctx, cpg_result *out) {
    int round = 0;
    double *duals = NULL;
    while (pricing != NULL && out->termination == CPG_T_OPTIMAL) {
        if (g->should_stop != NULL && g->should_stop(g->stop_ctx)) {
            g->stopped = 1;
            out->termination = CPG_T_LIMIT;
            out->limit = CPG_L_CANCEL;
            out->point = CPG_P_FEASIBLE;
            break;
        }
        if (isfinite(deadline) && now_seconds() >= deadline) {
            out->termination = CPG_T_LIMIT;
            out->limit = CPG_L_TIME;
            out->point = CPG_P_FEASIBLE;
            break;
        }
        int m = glp_get_num_rows(P);
        if (duals == NULL) duals = guard_alloc(g, sizeof(double) * ((size_t)m + 1));
        for (int i = 0; i < m; i++) duals[i] = glp_get_row_dual(P, i + 1);
        cpg_lp_state st = { ++round, m, glp_get_num_cols(P), glp_get_obj_val(P), duals };
        cpg_columns cols;
        memset(&cols, 0, sizeof cols);
        int r = pricing(pricing_ctx, &st, &cols);
        if (r < 0) {
            out->termination = CPG_T_ERROR;
            copy_message(out->message, sizeof out->message, "the pricing callback stopped the solve");
            break;
        }
        if (r == 0 || cols.count <= 0) break;
        add_columns(P, g, &cols);
        int ret = run_simplex(P, params, g, deadline, 0, GLP_PRIMAL);
        map_simplex(P, ret, out);
    }
    out->rounds = round;
}

/* The simplex (with column generation when priced), then branch-and-bound
   when integer columns remain. */
static void solve_simplex(glp_prob *P, const cpg_params *params, guard *g, double deadline, int warm,
                          cpg_pricing_fn pricing, void *pricing_ctx, cpg_result *out) {
    int presolve = params->presolve && !warm;
    if (!presolve && !warm) glp_adv_basis(P, 0);
    int ret = run_simplex(P, params, g, deadline, presolve, 0);
    map_simplex(P, ret, out);
    price_columns(P, params, g, deadline, pricing, pricing_ctx, out);
    /* priced columns may be integer too */
    int n_int = params->relax ? 0 : glp_get_num_int(P);
    out->is_mip = n_int > 0;
    if (n_int > 0 && (out->termination == CPG_T_OPTIMAL)) {
        ret = run_intopt(P, params, g, deadline, 0);
        map_intopt(P, ret, g, out);
        extract(P, SOL_MIP, out);
    } else {
        if (out->termination == CPG_T_OPTIMAL) out->has_bound = 1;
        if (n_int > 0 && out->termination == CPG_T_UNBOUNDED) out->termination = CPG_T_INF_OR_UNBD;
        if (n_int > 0 && out->point != CPG_P_NONE) out->point = CPG_P_INFEASIBLE; /* fractional */
        extract(P, SOL_SIMPLEX, out);
        if (out->has_bound) out->bound = out->objective;
    }
}

/* A MIP's bound: the objective when optimal, else the best active node's
   (never worse than the incumbent). */
static void mip_bound(const cpg_model *model, const guard *g, cpg_result *out) {
    out->nodes = g->nodes;
    out->has_bound = 0;
    if (out->termination == CPG_T_OPTIMAL && out->point == CPG_P_OPTIMAL) {
        out->has_bound = 1;
        out->bound = out->objective;
    } else if (g->has_bound && (out->termination == CPG_T_OPTIMAL || out->termination == CPG_T_LIMIT)) {
        out->has_bound = 1;
        out->bound = g->bound;
        if (out->point != CPG_P_NONE) {
            if (model->maximize ? out->bound < out->objective : out->bound > out->objective)
                out->bound = out->objective;
        }
    }
}

int cpg_solve(const cpg_model *model, const cpg_params *params,
              cpg_pricing_fn pricing, void *pricing_ctx, cpg_result *out) {
    memset(out, 0, sizeof *out);
    const double t0 = now_seconds();
    const char *why = NULL;
    guard *g = guard_new(params, &why);
    if (g == NULL) {
        out->termination = CPG_T_ERROR;
        copy_message(out->message, sizeof out->message, why);
        return out->termination;
    }
    const double deadline = (params->time_limit > 0 && isfinite(params->time_limit))
        ? t0 + params->time_limit : INFINITY;
    g->deadline = deadline;
    glp_term_hook(term_hook, g);
    glp_error_hook(error_hook, g);
    /* A fatal GLPK error, or a cancellation or deadline noticed in GLPK's
       output, jumps back here; g->jump_kind says which. */
    if (setjmp(g->jb) != 0) return solve_jumped(g, out, t0);

    glp_prob *P = build_problem(model, g, 0);
    int n_int = 0;
    if (!params->relax && model->col_int != NULL)
        for (int32_t j = 0; j < model->cols; j++) n_int += model->col_int[j] != 0;
    int warm = params->row_stat != NULL && params->col_stat != NULL;
    if (warm) {
        for (int32_t i = 0; i < model->rows; i++) glp_set_row_stat(P, i + 1, params->row_stat[i]);
        for (int32_t j = 0; j < model->cols; j++) glp_set_col_stat(P, j + 1, params->col_stat[j]);
    }
    out->is_mip = n_int > 0;

    int interior_ret = solve_interior(P, model, params, g, deadline, n_int, pricing);
    if (interior_ret != -1) {
        map_interior(P, interior_ret, out);
        if (out->termination == CPG_T_OPTIMAL) { out->has_bound = 1; }
        extract(P, SOL_INTERIOR, out);
        if (out->has_bound) out->bound = out->objective;
    } else if (n_int > 0 && pricing == NULL && params->mip_presolve && !warm) {
        /* GLPK's MIP presolver solves the relaxation itself */
        int ret = run_intopt(P, params, g, deadline, 1);
        map_intopt(P, ret, g, out);
        extract(P, SOL_MIP, out);
    } else {
        solve_simplex(P, params, g, deadline, warm, pricing, pricing_ctx, out);
    }
    if (out->is_mip) mip_bound(model, g, out);
    glp_delete_prob(P);
    out->log = guard_end(g);
    out->seconds = now_seconds() - t0;
    return out->termination;
}

void cpg_result_release(cpg_result *r) {
    if (r == NULL) return;
    free(r->x); free(r->row_act); free(r->row_dual); free(r->col_dual);
    free(r->row_stat); free(r->col_stat); free(r->log);
    r->x = r->row_act = r->row_dual = r->col_dual = NULL;
    r->row_stat = r->col_stat = NULL;
    r->log = NULL;
}

/* ------------------------------------------------------------- files */

static char *dup_or_null(const char *s) {
    if (s == NULL) return NULL;
    size_t n = strlen(s);
    char *p = malloc(n + 1);
    if (p != NULL) memcpy(p, s, n + 1);
    return p;
}

/* Collects names into one buffer with offsets. */
static int collect_names(int count, const char *(*get)(glp_prob *, int), glp_prob *P,
                         char **buf_out, int64_t **off_out) {
    int64_t total = 0;
    for (int k = 1; k <= count; k++) { const char *s = get(P, k); if (s) total += (int64_t)strlen(s); }
    char *buf = malloc((size_t)total + 1);
    int64_t *off = malloc(sizeof(int64_t) * ((size_t)count + 1));
    if (buf == NULL || off == NULL) { free(buf); free(off); return 1; }
    int64_t pos = 0;
    for (int k = 1; k <= count; k++) {
        off[k - 1] = pos;
        const char *s = get(P, k);
        if (s) { size_t n = strlen(s); memcpy(buf + pos, s, n); pos += (int64_t)n; }
    }
    off[count] = pos;
    buf[pos] = '\0';
    *buf_out = buf;
    *off_out = off;
    return 0;
}

void cpg_model_data_release(cpg_model_data *m) {
    if (m == NULL) return;
    free(m->obj); free(m->col_lb); free(m->col_ub); free(m->col_int);
    free(m->row_lb); free(m->row_ub); free(m->ia); free(m->ja); free(m->ar);
    free(m->name); free(m->col_names); free(m->col_name_off);
    free(m->row_names); free(m->row_name_off);
    memset(m, 0, sizeof *m);
}

static void bounds_of(int type, double lb, double ub, double *lo, double *up) {
    switch (type) {
    case GLP_FR: *lo = -HUGE_VAL; *up = HUGE_VAL; break;
    case GLP_LO: *lo = lb; *up = HUGE_VAL; break;
    case GLP_UP: *lo = -HUGE_VAL; *up = ub; break;
    default: *lo = lb; *up = ub; break;
    }
}

static const char *last_lines(const char *log) {
    /* the most useful part of a failed read is its last lines */
    if (log == NULL) return "";
    size_t n = strlen(log);
    return n > 900 ? log + n - 900 : log;
}

int cpg_read_model(const char *path, int32_t format, cpg_model_data *out,
                   char *message, size_t message_size) {
    memset(out, 0, sizeof *out);
    copy_message(message, message_size, "");
    const char *why = NULL;
    guard *g = guard_new(NULL, &why);
    if (g == NULL) { copy_message(message, message_size, why); return 1; }
    glp_term_hook(term_hook, g);
    glp_error_hook(error_hook, g);
    if (setjmp(g->jb) != 0) {
        copy_message(message, message_size, g->err[0] ? g->err : last_lines(g->log));
        cpg_model_data_release(out);
        free(guard_end(g));
        return 2;
    }
    glp_prob *P = glp_create_prob();
    int ret;
    if (format == CPG_FORMAT_CPLEX_LP) ret = glp_read_lp(P, NULL, path);
    else ret = glp_read_mps(P, format == CPG_FORMAT_MPS_FREE ? GLP_MPS_FILE : GLP_MPS_DECK, NULL, path);
    if (ret != 0) {
        copy_message(message, message_size, last_lines(g->log));
        free(guard_end(g));
        return 1;
    }
    int m = glp_get_num_rows(P), n = glp_get_num_cols(P);
    out->rows = m;
    out->cols = n;
    out->maximize = glp_get_obj_dir(P) == GLP_MAX;
    out->obj_offset = glp_get_obj_coef(P, 0);
    out->name = dup_or_null(glp_get_prob_name(P));
    out->obj = malloc(sizeof(double) * (size_t)(n + 1));
    out->col_lb = malloc(sizeof(double) * (size_t)(n + 1));
    out->col_ub = malloc(sizeof(double) * (size_t)(n + 1));
    out->col_int = malloc((size_t)(n + 1));
    out->row_lb = malloc(sizeof(double) * (size_t)(m + 1));
    out->row_ub = malloc(sizeof(double) * (size_t)(m + 1));
    int nz = glp_get_num_nz(P);
    out->nnz = nz;
    out->ia = malloc(sizeof(int32_t) * (size_t)(nz + 1));
    out->ja = malloc(sizeof(int32_t) * (size_t)(nz + 1));
    out->ar = malloc(sizeof(double) * (size_t)(nz + 1));
    int *ind = guard_alloc(g, sizeof(int) * ((size_t)m + 1));
    double *val = guard_alloc(g, sizeof(double) * ((size_t)m + 1));
    if (!out->obj || !out->col_lb || !out->col_ub || !out->col_int || !out->row_lb ||
        !out->row_ub || !out->ia || !out->ja || !out->ar ||
        collect_names(n, glp_get_col_name, P, &out->col_names, &out->col_name_off) ||
        collect_names(m, glp_get_row_name, P, &out->row_names, &out->row_name_off)) {
        copy_message(message, message_size, "out of memory while reading the model");
        cpg_model_data_release(out);
        free(guard_end(g));
        return 1;
    }
    for (int i = 0; i < m; i++)
        bounds_of(glp_get_row_type(P, i + 1), glp_get_row_lb(P, i + 1), glp_get_row_ub(P, i + 1),
                  &out->row_lb[i], &out->row_ub[i]);
    int64_t k = 0;
    for (int j = 0; j < n; j++) {
        bounds_of(glp_get_col_type(P, j + 1), glp_get_col_lb(P, j + 1), glp_get_col_ub(P, j + 1),
                  &out->col_lb[j], &out->col_ub[j]);
        out->obj[j] = glp_get_obj_coef(P, j + 1);
        out->col_int[j] = glp_get_col_kind(P, j + 1) != GLP_CV;
        int len = glp_get_mat_col(P, j + 1, ind, val);
        for (int e = 1; e <= len; e++) {
            out->ia[k] = ind[e] - 1;
            out->ja[k] = j;
            out->ar[k] = val[e];
            k++;
        }
    }
    out->nnz = k;
    glp_delete_prob(P);
    free(guard_end(g));
    return 0;
}

int cpg_write_model(const cpg_model *model, int32_t format, const char *path,
                    char *message, size_t message_size) {
    copy_message(message, message_size, "");
    const char *why = NULL;
    guard *g = guard_new(NULL, &why);
    if (g == NULL) { copy_message(message, message_size, why); return 1; }
    glp_term_hook(term_hook, g);
    glp_error_hook(error_hook, g);
    if (setjmp(g->jb) != 0) {
        copy_message(message, message_size, g->err[0] ? g->err : last_lines(g->log));
        free(guard_end(g));
        return 2;
    }
    glp_prob *P = build_problem(model, g, 1);
    int ret;
    if (format == CPG_FORMAT_CPLEX_LP) ret = glp_write_lp(P, NULL, path);
    else ret = glp_write_mps(P, format == CPG_FORMAT_MPS_FREE ? GLP_MPS_FILE : GLP_MPS_DECK, NULL, path);
    if (ret != 0) copy_message(message, message_size, last_lines(g->log));
    glp_delete_prob(P);
    free(guard_end(g));
    return ret != 0;
}

const char *cpg_glpk_version(void) {
    /* glp_version does not touch the environment, but keep it guarded-free */
    return glp_version();
}

int cpg_debug_trigger_fatal_error(char *message, size_t message_size) {
    copy_message(message, message_size, "");
    const char *why = NULL;
    guard *g = guard_new(NULL, &why);
    if (g == NULL) { copy_message(message, message_size, why); return -1; }
    glp_term_hook(term_hook, g);
    glp_error_hook(error_hook, g);
    if (setjmp(g->jb) != 0) {
        copy_message(message, message_size, g->err);
        free(guard_end(g));
        return 1;
    }
    glp_prob *P = glp_create_prob();
    glp_add_rows(P, 1);
    glp_set_row_bnds(P, 5, GLP_FX, 1.0, 1.0); /* row 5 does not exist: fatal */
    glp_delete_prob(P);
    free(guard_end(g));
    return 0;
}
