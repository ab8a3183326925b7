/* The mb commands: flags in, typed Masterbots operations, tables or JSON out. */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "cli.h"

/* Sends op with vars and leaves the result for the typed decoder. */
static int send_op(cli *k, const mb_op *op, const void *vars, mb_result **res) {
    mb_status s;
    mb_writer *w;
    int rc = cli_connect(k);
    if (rc) return rc;
    w = mb_request(&k->c, op->query, op->name);
    mb_typed_write_vars(w, op, vars);
    if ((s = mb_w_status(w)) != MB_OK) { /* the variables come from the arguments: text that is not UTF-8 */
        fprintf(stderr, "mb: the arguments: %s\n", mb_strerror(s));
        return EXIT_USAGE;
    }
    s = mb_send(&k->c, res);
    return s == MB_OK ? EXIT_OK : cli_fail(k, s);
}

/* send_op; with --json prints the raw answer and returns *printed = 1. */
static int run(cli *k, const mb_op *op, const void *vars, mb_result **res, int *printed) {
    int rc = send_op(k, op, vars, res);
    if (rc) return rc;
    *printed = 0;
    if (k->json) {
        print_json_view(mb_json_raw_view(&(*res)->doc, 0));
        *printed = 1;
    }
    return EXIT_OK;
}

static int decoded(cli *k, mb_status s) {
    if (s == MB_ERR_CAPACITY) {
        fprintf(stderr, "mb: warning: the answer had more items than this program keeps; showing what fits\n");
        return EXIT_OK;
    }
    return s == MB_OK ? EXIT_OK : cli_fail(k, s);
}

/* The value of the option at argv[*i]: a number 0..1000000 (a limit, an offset, an id) */
static int int_option(int argc, char **argv, int *i, const char *what, int32_t *out) {
    const char *flag = argv[*i];
    long x;
    int rc = parse_num(flag, what, arg_value(argc, argv, i), 0, 1000000, &x);
    if (!rc) *out = (int32_t)x;
    return rc;
}

static int unknown_option(const char *cmd, const char *a) {
    return cli_usage("%s: unknown option '%s'", cmd, a);
}

/* For a command with no options: 0 when it has only "--" and at most max
 * positional arguments, else a usage error */
static int positionals(const char *cmd, int argc, char **argv, int max, const char *what) {
    int ended = 0, n = 0;
    for (int i = 0; i < argc; i++) {
        int kind = arg_kind(argv[i], &ended);
        if (kind == ARG_OPTION) return unknown_option(cmd, argv[i]);
        if (kind == ARG_POSITIONAL && ++n > max) return cli_usage("%s %s", cmd, what);
    }
    return 0;
}

/* The first positional argument (after "--" too), or NULL */
static const char *first_positional(int argc, char **argv) {
    int ended = 0;
    for (int i = 0; i < argc; i++)
        if (arg_kind(argv[i], &ended) == ARG_POSITIONAL) return argv[i];
    return NULL;
}

/* ---- query ---- */
static const char QUERY_USAGE[] = "usage: mb query [FILE|-] [--var NAME=VALUE ...] [--vars JSON]\n"
                                  "  runs the GraphQL document in FILE (or stdin) and prints the JSON answer;\n"
                                  "  --var values that are JSON (numbers, true, null, objects) go as JSON, others as strings\n";
int cmd_query(cli *k, int argc, char **argv) {
    static char text[64 * 1024], vars[16 * 1024];
    const char *file = NULL, *vars_json = NULL;
    mb_writer w;
    mb_result *res;
    mb_status s;
    FILE *f;
    size_t n;
    int rc, nvars = 0, ended = 0;
    const char *names[128]; /* of the --vars so far: a NAME twice would be a JSON key twice */
    if (wants_help(argc, argv, QUERY_USAGE)) return EXIT_OK;
    mb_w_init(&w, vars, sizeof vars - 1); /* and the NUL after */
    mb_w_object_begin(&w);
    for (int i = 0; i < argc; i++) {
        int kind = arg_kind(argv[i], &ended);
        if (kind == ARG_END) continue;
        if (kind == ARG_OPTION && !strcmp(argv[i], "--vars")) {
            const char *v = arg_value(argc, argv, &i);
            if (!v) return cli_usage("--vars needs a JSON object");
            if (vars_json) return cli_usage("--vars given twice: one JSON object holds every variable"); /* not the last one only */
            vars_json = v;
        } else if (kind == ARG_OPTION && !strcmp(argv[i], "--var")) {
            char *eq, *v = arg_value(argc, argv, &i);
            static mb_token t[sizeof vars / 2 + 2]; /* any value that fits vars: a token takes 2 bytes at least, as in [1,1] */
            mb_json j;
            if (!v || !(eq = strchr(v, '=')) || eq == v) return cli_usage("--var needs NAME=VALUE");
            *eq = '\0';
            for (int d = 0; d < nvars; d++)
                if (!strcmp(names[d], v)) return cli_usage("--var %s given twice", v); /* which would the server take? */
            if (nvars == (int)(sizeof names / sizeof names[0])) return cli_usage("more than %d --var", nvars);
            names[nvars] = v;
            mb_w_key(&w, v);
            if (mb_json_parse(&j, eq + 1, strlen(eq + 1), t, sizeof t / sizeof t[0]) == MB_OK && mb_json_check_strings(&j) == MB_OK)
                mb_w_raw(&w, eq + 1, strlen(eq + 1));
            else
                mb_w_string(&w, eq + 1);
            nvars++;
        } else if (kind == ARG_OPTION) {
            return unknown_option("query", argv[i]);
        } else if (!file) {
            file = argv[i];
        } else {
            return cli_usage("query takes one FILE");
        }
    }
    if (vars_json && nvars) return cli_usage("use --var or --vars, not both");
    mb_w_object_end(&w);
    if (mb_w_status(&w) != MB_OK) return cli_usage("variables: %s", mb_strerror(mb_w_status(&w)));
    if (!vars_json && nvars) {
        vars[w.len] = '\0';
        vars_json = vars;
    }
    f = !file || !strcmp(file, "-") ? stdin : fopen(file, "rb");
    if (!f) return cli_usage("cannot read %s", file);
    n = fread(text, 1, sizeof text, f); /* one byte more than fits with the NUL: tells a too large one */
    rc = ferror(f);
    if (f != stdin) fclose(f);
    if (rc) return cli_usage("cannot read %s", file && strcmp(file, "-") ? file : "stdin"); /* not an empty document */
    if (n == sizeof text) return cli_usage("the document is larger than %zu bytes", sizeof text - 1);
    text[n] = '\0';
    if ((rc = cli_connect(k))) return rc;
    if (vars_json) { /* checked as mb_execute does, first: the same codes from the answer are not the variables' */
        mb_json j;
        s = mb_json_parse(&j, vars_json, strlen(vars_json), k->c.cfg.tokens, k->c.cfg.max_tokens);
        if (s == MB_OK && j.tok[0].type != JSMN_OBJECT) s = MB_ERR_JSON;
        if (s == MB_OK) s = mb_json_check_strings(&j);
        if (s != MB_OK) {
            fprintf(stderr, "mb: --vars: %s\n", mb_strerror(s));
            return EXIT_USAGE;
        }
    }
    s = mb_execute(&k->c, text, NULL, vars_json, &res);
    if (s != MB_OK) return cli_fail(k, s);
    print_json_view(mb_json_raw_view(&res->doc, 0));
    return EXIT_OK;
}

/* ---- categories ---- */
int cmd_categories(cli *k, int argc, char **argv) {
    static mb_get_categories_category cats[256];
    static mb_get_categories_category_chatbots links[2048];
    static char cells[256][3][256];
    static const char *cp[256 * 3];
    static const char *const head[] = {"ID", "NAME", "CHATBOTS"};
    mb_get_categories_arrays a = {cats, 256, 0, links, 2048, 0};
    mb_get_categories_data d;
    mb_result *res;
    int rc, printed;
    if (wants_help(argc, argv, "usage: mb categories\n  lists the categories and how many chatbots each has\n")) return EXIT_OK;
    if ((rc = positionals("categories", argc, argv, 0, "takes no arguments"))) return rc;
    if ((rc = run(k, mb_get_categories_op(), NULL, &res, &printed)) || printed) return rc;
    if ((rc = decoded(k, mb_get_categories_decode(res, &d, &a)))) return rc;
    for (size_t i = 0; i < d.category.len; i++) {
        snprintf(cells[i][0], 256, "%d", (int)cats[i].category_id);
        cell(cells[i][1], 256, cats[i].name.ptr, 127);
        snprintf(cells[i][2], 256, "%zu", cats[i].chatbots.len);
        for (int c = 0; c < 3; c++) cp[i * 3 + (size_t)c] = cells[i][c];
    }
    print_table(head, 3, cp, (int)d.category.len);
    return EXIT_OK;
}

/* ---- chatbots ---- */
/* getChatbots, or getChatbotsByCategory with --category (one operation per
 * filter: Hasura refuses a filter variable left out). Both select the same
 * fragment (ChatbotListItem), so either answer decodes as getChatbots'. */
int cmd_chatbots(cli *k, int argc, char **argv) {
    static mb_chatbot_list_item bots[1000];
    static mb_chatbot_list_item_categories cats[4000];
    static mb_chatbot_list_item_metadata meta[2000];
    static char cells[1000][4][256], joined[1024];
    static const char *cp[1000 * 4];
    static const char *const head[] = {"ID", "NAME", "CATEGORIES", "DESCRIPTION"};
    mb_get_chatbots_arrays a = {bots, 1000, 0, cats, 4000, 0, meta, 2000, 0};
    mb_get_chatbots_vars v;
    mb_get_chatbots_by_category_vars cv;
    mb_get_chatbots_data d;
    mb_result *res;
    int rc, printed, by_category = 0, ended = 0;
    memset(&v, 0, sizeof v);
    memset(&cv, 0, sizeof cv);
    if (wants_help(argc, argv, "usage: mb chatbots [--category ID] [--limit N] [--offset N]\n")) return EXIT_OK;
    for (int i = 0; i < argc; i++) {
        int kind = arg_kind(argv[i], &ended);
        if (kind == ARG_END) continue;
        if (kind == ARG_POSITIONAL) return cli_usage("chatbots takes options only, not '%s'", argv[i]);
        if (!strcmp(argv[i], "--category")) {
            if ((rc = int_option(argc, argv, &i, "an ID", &cv.category_id))) return rc;
            by_category = 1;
        } else if (!strcmp(argv[i], "--limit")) {
            if ((rc = int_option(argc, argv, &i, "a number", &v.limit))) return rc;
            v.has_limit = 1;
        } else if (!strcmp(argv[i], "--offset")) {
            if ((rc = int_option(argc, argv, &i, "a number", &v.offset))) return rc;
            v.has_offset = 1;
        } else {
            return unknown_option("chatbots", argv[i]);
        }
    }
    cv.limit = v.limit;
    cv.has_limit = v.has_limit;
    cv.offset = v.offset;
    cv.has_offset = v.has_offset;
    if (by_category) rc = run(k, mb_get_chatbots_by_category_op(), &cv, &res, &printed);
    else rc = run(k, mb_get_chatbots_op(), &v, &res, &printed);
    if (rc || printed) return rc;
    if ((rc = decoded(k, mb_get_chatbots_decode(res, &d, &a)))) return rc;
    for (size_t i = 0; i < d.chatbot.len; i++) {
        mb_chatbot_list_item *b = &bots[i];
        size_t o = 0;
        snprintf(cells[i][0], 256, "%d", (int)b->chatbot_id);
        cell(cells[i][1], 256, b->name.ptr, 95);
        joined[0] = '\0'; /* over 90 columns in any case when it fills: cut there */
        for (size_t c = 0; c < b->categories.len && o < sizeof joined - 1; c++)
            o += (size_t)snprintf(joined + o, sizeof joined - o, "%s%s", c ? ", " : "",
                                  b->categories.items[c].category.name.ptr ? b->categories.items[c].category.name.ptr : "?");
        cell(cells[i][2], 256, joined, 90);
        cell(cells[i][3], 256, b->description.ptr, 60);
        for (int c = 0; c < 4; c++) cp[i * 4 + (size_t)c] = cells[i][c];
    }
    print_table(head, 4, cp, (int)d.chatbot.len);
    return EXIT_OK;
}

/* ---- chatbot NAME ---- */
int cmd_chatbot(cli *k, int argc, char **argv) {
    static mb_get_chatbot_chatbot bot[1];
    static mb_get_chatbot_chatbot_categories cats[64];
    static mb_get_chatbot_chatbot_prompts prompts[256];
    mb_get_chatbot_arrays a = {bot, 1, 0, cats, 64, 0, prompts, 256, 0};
    mb_get_chatbot_vars v;
    mb_get_chatbot_data d;
    mb_result *res;
    int rc, printed, t;
    if (wants_help(argc, argv, "usage: mb chatbot NAME\n  shows one chatbot: description, categories, prompts;\n"
                               "  exits 1 when no chatbot has that NAME (with --json too, after the answer)\n"))
        return EXIT_OK;
    if ((rc = positionals("chatbot", argc, argv, 1, "needs exactly one NAME"))) return rc;
    if (!(v.name = first_positional(argc, argv))) return cli_usage("chatbot needs exactly one NAME");
    if ((rc = run(k, mb_get_chatbot_op(), &v, &res, &printed))) return rc;
    if (!printed && (rc = decoded(k, mb_get_chatbot_decode(res, &d, &a)))) return rc;
    /* one object asked by name: none is "not found", with --json too */
    if (printed ? mb_json_find(&res->doc, res->data, "chatbot[0]", &t) != MB_OK : !d.chatbot.len) {
        fprintf(stderr, "mb: no chatbot named '%s'\n", v.name);
        return EXIT_GRAPHQL;
    }
    if (printed) return EXIT_OK;
    printf("%s (id %d)%s\n", bot[0].name.ptr, (int)bot[0].chatbot_id, bot[0].is_pro ? " [pro]" : "");
    if (bot[0].description.ptr) printf("%s\n", bot[0].description.ptr);
    printf("categories:");
    for (size_t i = 0; i < bot[0].categories.len; i++) printf("%s %s", i ? "," : "", cats[i].category.name.ptr);
    printf("\ndefaults: complexity %s, length %s, tone %s, type %s\n", bot[0].default_complexity.ptr ? bot[0].default_complexity.ptr : "-",
           bot[0].default_length.ptr ? bot[0].default_length.ptr : "-", bot[0].default_tone.ptr ? bot[0].default_tone.ptr : "-",
           bot[0].default_type.ptr ? bot[0].default_type.ptr : "-");
    printf("prompts: %zu\n", bot[0].prompts.len);
    for (size_t i = 0; i < bot[0].prompts.len; i++)
        printf("  - %s\n", prompts[i].prompt.prompt_name.ptr ? prompts[i].prompt.prompt_name.ptr : "(unnamed)");
    return EXIT_OK;
}

/* ---- threads ---- */
/* As the web app: your own threads (getThreads, private ones included) with
 * --mine, otherwise the public, approved ones (getBrowseThreads). Masterbots'
 * backend lets any role read any thread, so the public list must not be
 * getThreads without a user. Each filter is an operation of its own
 * (getThreadsByChatbot, getBrowseThreadsByChatbot, ...ByCategory): Hasura
 * refuses a filter variable left out. The variants select the same fragment
 * as getThreads or getBrowseThreads, so their answers decode as those. */
int cmd_threads(cli *k, int argc, char **argv) {
    static mb_own_thread ths[200];
    static mb_own_thread_messages msgs[400];
    static mb_browse_thread bths[200];
    static mb_browse_thread_messages bmsgs[400];
    static char cells[200][5][256];
    static const char *cp[200 * 5];
    static const char *const head[] = {"THREAD", "CHATBOT", "PUBLIC", "UPDATED", "FIRST MESSAGE"};
    static char uid[64];
    mb_get_threads_arrays a = {ths, 200, 0, msgs, 400, 0};
    mb_get_browse_threads_arrays ba = {bths, 200, 0, bmsgs, 400, 0};
    mb_get_threads_vars v;
    mb_get_threads_by_chatbot_vars vc;
    mb_get_browse_threads_vars bv;
    mb_get_browse_threads_by_chatbot_vars bvc;
    mb_get_browse_threads_by_category_vars bvk;
    mb_get_threads_data d;
    mb_get_browse_threads_data bd;
    mb_result *res;
    size_t n;
    int rc, printed, mine = 0, category = 0, ended = 0;
    int32_t count, limit = 20, category_id = 0;
    const char *chatbot = NULL;
    memset(&v, 0, sizeof v);
    memset(&vc, 0, sizeof vc);
    memset(&bv, 0, sizeof bv);
    memset(&bvc, 0, sizeof bvc);
    memset(&bvk, 0, sizeof bvk);
    if (wants_help(argc, argv, "usage: mb threads [--mine] [--chatbot NAME | --category ID] [--limit N]\n"
                               "  the public, approved threads; with --mine your own, private ones too\n"
                               "  (--category: the public ones only)\n"))
        return EXIT_OK;
    for (int i = 0; i < argc; i++) {
        int kind = arg_kind(argv[i], &ended);
        if (kind == ARG_END) continue;
        if (kind == ARG_POSITIONAL) return cli_usage("threads takes options only, not '%s'", argv[i]);
        if (!strcmp(argv[i], "--mine")) {
            char role[32];
            long long exp;
            if (!k->jwt || jwt_claims(k->jwt, uid, sizeof uid, role, sizeof role, &exp) || !uid[0])
                return cli_usage("--mine needs --jwt (or MB_JWT) with a user id");
            mine = 1;
        } else if (!strcmp(argv[i], "--chatbot")) {
            if (!(chatbot = arg_value(argc, argv, &i))) return cli_usage("--chatbot needs a NAME");
        } else if (!strcmp(argv[i], "--category")) {
            if ((rc = int_option(argc, argv, &i, "an ID", &category_id))) return rc;
            category = 1;
        } else if (!strcmp(argv[i], "--limit")) {
            if ((rc = int_option(argc, argv, &i, "a number", &limit))) return rc;
        } else {
            return unknown_option("threads", argv[i]);
        }
    }
    if (category && (chatbot || mine)) return cli_usage("threads: --category goes with neither --chatbot nor --mine");
    v.user_id = vc.user_id = uid;
    vc.chatbot_name = bvc.chatbot_name = chatbot;
    bvk.category_id = category_id;
    v.limit = vc.limit = bv.limit = bvc.limit = bvk.limit = limit;
    v.has_limit = vc.has_limit = bv.has_limit = bvc.has_limit = bvk.has_limit = 1;
    if (mine) {
        if (chatbot) rc = run(k, mb_get_threads_by_chatbot_op(), &vc, &res, &printed);
        else rc = run(k, mb_get_threads_op(), &v, &res, &printed);
        if (rc || printed) return rc;
        if ((rc = decoded(k, mb_get_threads_decode(res, &d, &a)))) return rc;
        n = d.thread.len;
        count = d.thread_aggregate.aggregate.count;
    } else {
        if (chatbot) rc = run(k, mb_get_browse_threads_by_chatbot_op(), &bvc, &res, &printed);
        else if (category) rc = run(k, mb_get_browse_threads_by_category_op(), &bvk, &res, &printed);
        else rc = run(k, mb_get_browse_threads_op(), &bv, &res, &printed);
        if (rc || printed) return rc;
        if ((rc = decoded(k, mb_get_browse_threads_decode(res, &bd, &ba)))) return rc;
        n = bd.thread.len;
        count = bd.thread_aggregate.aggregate.count;
    }
    for (size_t i = 0; i < n; i++) {
        const mb_str *id = mine ? &ths[i].thread_id : &bths[i].thread_id;
        const mb_str *bot = mine ? &ths[i].chatbot.name : &bths[i].chatbot.name;
        const mb_str *upd = mine ? &ths[i].updated_at : &bths[i].updated_at;
        const char *first = mine ? (ths[i].messages.len ? ths[i].messages.items[0].content.ptr : NULL)
                                 : (bths[i].messages.len ? bths[i].messages.items[0].content.ptr : NULL);
        cell(cells[i][0], 256, id->ptr, 79);
        cell(cells[i][1], 256, bot->ptr, 79);
        snprintf(cells[i][2], 256, "%s", !mine || ths[i].is_public ? "yes" : "no");
        snprintf(cells[i][3], 20, "%s", upd->ptr ? upd->ptr : ""); /* ISO-8601 to the second */
        cell(cells[i][4], 256, first, 48);
        for (int c = 0; c < 5; c++) cp[i * 5 + (size_t)c] = cells[i][c];
    }
    print_table(head, 5, cp, (int)n);
    if (k->tty || n) printf("%zu of %d threads\n", n, (int)count);
    return EXIT_OK;
}

/* ---- thread new ---- */
int cmd_thread(cli *k, int argc, char **argv) {
    static mb_get_chatbot_chatbot bot[1];
    static mb_get_chatbot_chatbot_categories cats[64];
    static mb_get_chatbot_chatbot_prompts prompts[256];
    static char id[37], slug[96], chatbot_name[256];
    mb_get_chatbot_arrays a = {bot, 1, 0, cats, 64, 0, prompts, 256, 0};
    mb_get_chatbot_vars gv;
    mb_get_chatbot_data gd;
    mb_create_thread_vars v;
    mb_create_thread_data d;
    mb_result *res;
    const char *name = NULL;
    int rc, pub = 0, printed, ended = 0, is_new = 0;
    if (wants_help(argc, argv, "usage: mb thread new --chatbot NAME [--public]\n  opens a thread; prints its id and slug\n")) return EXIT_OK;
    for (int i = 0; i < argc; i++) {
        int kind = arg_kind(argv[i], &ended);
        if (kind == ARG_END) continue;
        if (kind == ARG_POSITIONAL) { /* "new", before or after the options */
            if (is_new) return cli_usage("thread new takes options only, not '%s'", argv[i]);
            if (strcmp(argv[i], "new")) return cli_usage("thread: the only subcommand is 'new', not '%s'", argv[i]);
            is_new = 1;
        } else if (!strcmp(argv[i], "--chatbot")) {
            if (!(name = arg_value(argc, argv, &i))) return cli_usage("--chatbot needs a NAME");
        } else if (!strcmp(argv[i], "--public")) {
            pub = 1;
        } else {
            return unknown_option("thread new", argv[i]);
        }
    }
    if (!is_new) return cli_usage("thread: the only subcommand is 'new'");
    if (!name) return cli_usage("thread new needs --chatbot NAME");
    gv.name = name;
    if ((rc = send_op(k, mb_get_chatbot_op(), &gv, &res))) return rc;
    if ((rc = decoded(k, mb_get_chatbot_decode(res, &gd, &a)))) return rc;
    if (!gd.chatbot.len) {
        fprintf(stderr, "mb: no chatbot named '%s'\n", name);
        return EXIT_GRAPHQL;
    }
    snprintf(chatbot_name, sizeof chatbot_name, "%s", bot[0].name.ptr);
    memset(&v, 0, sizeof v);
    if (mb_uuid4(mb_posix_random, id) != MB_OK) return cli_usage("no random numbers");
    v.thread_id = id;
    v.chatbot_id = bot[0].chatbot_id;
    mb_slug(chatbot_name, id + 28, slug, sizeof slug); /* unique: the UUID's last 8 hex digits */
    v.slug = slug;
    v.is_public = pub;
    v.has_is_public = 1;
    if ((rc = run(k, mb_create_thread_op(), &v, &res, &printed)) || printed) return rc;
    if ((rc = decoded(k, mb_create_thread_decode(res, &d)))) return rc;
    printf("%s %s\n", d.insert_thread_one.thread_id.ptr, d.insert_thread_one.slug.ptr);
    return EXIT_OK;
}

/* ---- send ---- */
int cmd_send(cli *k, int argc, char **argv) {
    static char id[37], slug[128];
    mb_save_new_message_vars v;
    mb_save_new_message_data d;
    mb_result *res;
    const char *thread = NULL, *text = NULL, *role = "user";
    int rc, printed, ended = 0;
    int queue = 0;
    if (wants_help(argc, argv, "usage: mb send THREAD_ID TEXT [--role user|assistant] [--queue]\n"
                               "  --queue: keep it in the outbox file until it is delivered (it keeps the time it was\n"
                               "  queued as its createdAt); this run and every later\n"
                               "  one try to deliver what is queued. The file is $MB_OUTBOX, by default\n"
                               "  ~/.mb_outbox-<hash of the endpoint and the JWT's user>: only runs as that user\n"
                               "  against that endpoint deliver it\n"))
        return EXIT_OK;
    for (int i = 0; i < argc; i++) {
        int kind = arg_kind(argv[i], &ended);
        if (kind == ARG_END) continue;
        if (kind == ARG_OPTION && !strcmp(argv[i], "--queue")) {
            queue = 1;
        } else if (kind == ARG_OPTION && !strcmp(argv[i], "--role")) {
            if (!(role = arg_value(argc, argv, &i)) || (strcmp(role, "user") && strcmp(role, "assistant")))
                return cli_usage("--role must be user or assistant");
        } else if (kind == ARG_OPTION) {
            /* not sent as the TEXT: a mistyped --queue would be the message */
            return cli_usage("send: unknown option '%s' (a TEXT that starts with '-' goes after --)", argv[i]);
        } else if (!thread) {
            thread = argv[i];
        } else if (!text) {
            text = argv[i];
        } else {
            return cli_usage("send takes THREAD_ID and one TEXT (quote it)");
        }
    }
    if (!thread || !text) return cli_usage("send needs THREAD_ID and TEXT");
    memset(&v, 0, sizeof v);
    if (mb_uuid4(mb_posix_random, id) != MB_OK) return cli_usage("no random numbers");
    if (mb_slug(text, id + 28, slug, sizeof slug) != MB_OK) return cli_usage("cannot make a slug");
    v.message_id = id;
    v.thread_id = thread;
    v.role = role;
    v.content = text;
    v.slug = slug;
    if (queue) {
        /* queued: saveNewMessageAt, created when it was composed, not when it is delivered */
        static char at[32];
        mb_save_new_message_at_vars q;
        struct tm tm;
        time_t now = time(NULL);
        mb_status s;
        if (!gmtime_r(&now, &tm) || !strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", &tm)) return cli_usage("no clock");
        memset(&q, 0, sizeof q);
        q.message_id = v.message_id;
        q.thread_id = v.thread_id;
        q.role = v.role;
        q.content = v.content;
        q.slug = v.slug;
        q.created_at = at;
        if ((rc = outbox_open(k, 1))) return rc;
        s = mb_save_new_message_at_queued(&k->outbox, &q);
        if (s != MB_OK) {
            outbox_close(k);
            fprintf(stderr, "mb: cannot queue the message: %s\n", mb_strerror(s));
            return s == MB_ERR_UTF8 ? EXIT_USAGE : EXIT_GRAPHQL;
        }
        printf("%s\n", id);
        rc = outbox_flush(k, 1);
        outbox_close(k);
        return rc;
    }
    if ((rc = run(k, mb_save_new_message_op(), &v, &res, &printed)) || printed) return rc;
    if ((rc = decoded(k, mb_save_new_message_decode(res, &d)))) return rc;
    printf("%s\n", d.insert_message_one.message_id.ptr);
    return EXIT_OK;
}

/* ---- messages ---- */
int cmd_messages(cli *k, int argc, char **argv) {
    static mb_get_messages_message msgs[2000];
    mb_get_messages_arrays a = {msgs, 2000, 0};
    mb_get_messages_vars v;
    mb_get_messages_data d;
    mb_result *res;
    const char *thread;
    int rc, printed;
    if (wants_help(argc, argv, "usage: mb messages THREAD_ID\n"
                               "  lists the thread's messages; none (an unknown thread, or one not yours) is no error\n"))
        return EXIT_OK;
    if ((rc = positionals("messages", argc, argv, 1, "needs exactly one THREAD_ID"))) return rc;
    if (!(thread = first_positional(argc, argv))) return cli_usage("messages needs exactly one THREAD_ID");
    memset(&v, 0, sizeof v);
    v.thread_id = thread;
    if ((rc = run(k, mb_get_messages_op(), &v, &res, &printed)) || printed) return rc;
    if ((rc = decoded(k, mb_get_messages_decode(res, &d, &a)))) return rc;
    if (!d.message.len) /* an empty list, as with --json: not an error */
        fprintf(stderr, "mb: no messages: thread %s does not exist, is empty, or is not yours to read\n", thread);
    for (size_t i = 0; i < d.message.len; i++) {
        printf("[%.19s] %-9s ", msgs[i].created_at.ptr ? msgs[i].created_at.ptr : "", msgs[i].role.ptr ? msgs[i].role.ptr : "");
        print_text(msgs[i].content.ptr); /* anyone's text in a public thread: no terminal commands */
        putchar('\n');
    }
    return EXIT_OK;
}

/* ---- token (local stack only) ---- */
int cmd_token(cli *k, int argc, char **argv) {
    static char key[512], out[2048];
    const char *user = NULL, *role = "user", *dir = getenv("MB_STATE_DIR");
    char path[1024];
    long ttl = 86400;
    FILE *f;
    size_t n;
    int rc, ended = 0;
    mb_url u;
    if (wants_help(argc, argv, "usage: mb token --user UUID [--role user|moderator|anonymous] [--ttl SECONDS]\n"
                               "  local stack only: signs with the key in $MB_STATE_DIR/secrets/jwt_key\n"))
        return EXIT_OK;
    for (int i = 0; i < argc; i++) {
        int kind = arg_kind(argv[i], &ended);
        if (kind == ARG_END) continue;
        if (kind == ARG_POSITIONAL) return cli_usage("token takes options only, not '%s'", argv[i]);
        if (!strcmp(argv[i], "--user")) {
            if (!(user = arg_value(argc, argv, &i))) return cli_usage("--user needs a UUID");
        } else if (!strcmp(argv[i], "--role")) {
            if (!(role = arg_value(argc, argv, &i))) return cli_usage("--role must be user, moderator or anonymous");
        } else if (!strcmp(argv[i], "--ttl")) {
            if ((rc = parse_num("--ttl", "seconds", arg_value(argc, argv, &i), 1, 31536000, &ttl))) return rc;
        } else {
            return unknown_option("token", argv[i]);
        }
    }
    if (!user) return cli_usage("token needs --user UUID");
    if (strcmp(role, "user") && strcmp(role, "moderator") && strcmp(role, "anonymous"))
        return cli_usage("--role must be user, moderator or anonymous");
    if (mb_url_parse(k->url, &u) != MB_OK ||
        !(mb_str_eq(u.host, "localhost") || mb_str_eq(u.host, "127.0.0.1") || mb_str_eq(u.host, "::1"))) {
        fprintf(stderr, "mb: token: only for the local stack (this endpoint is %s)\n", k->url);
        return EXIT_USAGE;
    }
    rc = snprintf(path, sizeof path, "%s/secrets/jwt_key", dir && *dir ? dir : ".state/local");
    if (rc < 0 || (size_t)rc >= sizeof path) { /* cut, it would name another file */
        fprintf(stderr, "mb: token: MB_STATE_DIR/secrets/jwt_key is over %zu bytes\n", sizeof path - 1);
        return EXIT_USAGE;
    }
    f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "mb: token: cannot read %s (is backend/local up? set MB_STATE_DIR)\n", path);
        return EXIT_USAGE;
    }
    n = fread(key, 1, sizeof key, f); /* one byte more than it keeps: tells a longer key, never signs with part of one */
    rc = ferror(f);
    fclose(f);
    while (n && n < sizeof key && (key[n - 1] == '\n' || key[n - 1] == '\r' || key[n - 1] == ' ')) n--;
    if (rc || !n || n == sizeof key) {
        fprintf(stderr, "mb: token: %s: %s\n", path, rc ? "cannot read it" : n ? "over 511 bytes" : "empty");
        return EXIT_USAGE;
    }
    key[n] = '\0';
    if (jwt_mint(key, user, role, ttl, out, sizeof out)) return cli_usage("token: --user must be a UUID");
    printf("%s\n", out);
    return EXIT_OK;
}

/* ---- whoami ---- */
int cmd_whoami(cli *k, int argc, char **argv) {
    static const char Q[] = "query whoami($id: uuid!) { user(where: {userId: {_eq: $id}}) { username slug email role } }";
    char uid[64], role[32], vars[512]; /* the id escaped: 6 bytes per byte at most */
    mb_writer w;
    long long exp = 0;
    mb_result *res;
    mb_status s;
    int rc, t;
    if (wants_help(argc, argv, "usage: mb whoami\n  shows the user and role of the JWT, and the endpoint\n")) return EXIT_OK;
    if ((rc = positionals("whoami", argc, argv, 0, "takes no arguments"))) return rc;
    printf("endpoint: %s%s%s%s\n", k->url, k->env_name ? " (" : "", k->env_name ? k->env_name : "", k->env_name ? ")" : "");
    if (k->admin_secret) printf("admin secret: given (requests run as admin%s%s)\n", k->role ? " posing as " : "", k->role ? k->role : "");
    if (!k->jwt) {
        printf("identity: anonymous (no JWT)\n");
        return EXIT_OK;
    }
    if (jwt_claims(k->jwt, uid, sizeof uid, role, sizeof role, &exp)) {
        fprintf(stderr, "mb: the JWT is not a Hasura token (no https://hasura.io/jwt/claims)\n");
        return EXIT_AUTH;
    }
    printf("user id: %s\nrole: %s\n", uid, k->role ? k->role : role);
    if (exp) {
        long long left = exp - (long long)time(NULL);
        printf("expires: in %lld s%s\n", left, left <= 0 ? " (EXPIRED)" : "");
    }
    if ((rc = cli_connect(k))) return rc;
    mb_w_init(&w, vars, sizeof vars - 1); /* the id is the token's text: escaped, never spliced */
    mb_w_object_begin(&w);
    mb_w_key(&w, "id");
    mb_w_string(&w, uid);
    mb_w_object_end(&w);
    if (mb_w_status(&w) != MB_OK) {
        fprintf(stderr, "mb: the JWT's user id: %s\n", mb_strerror(mb_w_status(&w)));
        return EXIT_AUTH;
    }
    vars[w.len] = '\0';
    s = mb_execute(&k->c, Q, "whoami", vars, &res);
    if (s != MB_OK) return cli_fail(k, s);
    if (mb_json_find(&res->doc, res->data, "user[0].username", &t) == MB_OK) {
        char name[256];
        if (mb_json_unescape(&res->doc, t, name, sizeof name, NULL) == MB_OK) printf("username: %s\n", name);
    } else {
        printf("username: (not visible to this role)\n");
    }
    return EXIT_OK;
}
