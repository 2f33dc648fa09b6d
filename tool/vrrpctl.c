// SPDX-License-Identifier: GPL-2.0
/*
 * vrrpctl - configure the in-kernel VRRP implementation over the "vrrp"
 * generic netlink family, in the manner of iproute2:
 *
 *	vrrpctl [OPTIONS] { add | set | del | check | show | flush | apply |
 *			    save | stats | monitor | metrics | notify | help } ...
 *	vrrpctl [OPTIONS] -batch FILE
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/vrrp.h>

#include "apply.h"
#include "flush.h"
#include "metrics.h"
#include "monitor.h"
#include "netns.h"
#include "notify.h"
#include "router.h"
#include "show.h"
#include "stats.h"
#include "util.h"
#include "vrrpctl.h"

/**
 * struct vrrp_cmd - one subcommand
 * @name: its name; an unambiguous prefix also selects it
 * @fn: runs it with the words after its name; returns an exit code
 * @usage: its synopsis, shared by its aliases
 * @minlen: shortest abbreviation accepted, 0 for any ("s" stays show)
 */
struct vrrp_cmd {
	const char *name;
	int (*fn)(struct vrrp_ctx *ctx, int argc, char **argv);
	const struct vrrp_usage *usage;
	unsigned int minlen;
};

static int vrrp_cmd_help(struct vrrp_ctx *ctx, int argc, char **argv);
static const struct vrrp_cmd *vrrp_cmd_find(const char *name);

static const struct vrrp_usage vrrp_usage_help = {
	.synopsis = "vrrpctl help [COMMAND]\n",
};

/*
 * Aliases follow their command; lookup is by index into this table, and
 * the usage lists the commands in its order.
 */
static const struct vrrp_cmd vrrp_cmds[] = {
	{ "add", vrrp_cmd_add, &vrrp_usage_add, 0 },
	{ "set", vrrp_cmd_set, &vrrp_usage_set, 2 },
	{ "change", vrrp_cmd_set, &vrrp_usage_set, 0 },
	{ "delete", vrrp_cmd_del, &vrrp_usage_del, 0 },
	{ "del", vrrp_cmd_del, &vrrp_usage_del, 0 },
	/* Spelled out: "c" and "ch" stay change. */
	{ "check", vrrp_cmd_check, &vrrp_usage_check, 5 },
	{ "show", vrrp_cmd_show, &vrrp_usage_show, 0 },
	{ "list", vrrp_cmd_show, &vrrp_usage_show, 0 },
	{ "lst", vrrp_cmd_show, &vrrp_usage_show, 0 },
	{ "flush", vrrp_cmd_flush, &vrrp_usage_flush, 0 },
	{ "apply", vrrp_cmd_apply, &vrrp_usage_apply, 2 },
	{ "save", vrrp_cmd_save, &vrrp_usage_save, 2 },
	{ "stats", vrrp_cmd_stats, &vrrp_usage_stats, 2 },
	{ "monitor", vrrp_cmd_monitor, &vrrp_usage_monitor, 0 },
	{ "metrics", vrrp_cmd_metrics, &vrrp_usage_metrics, 2 },
	{ "notify", vrrp_cmd_notify, &vrrp_usage_notify, 0 },
	{ "help", vrrp_cmd_help, &vrrp_usage_help, 0 },
};

#define VRRP_NCMDS ARRAY_SIZE(vrrp_cmds)

/*
 * The synopsis lines @s: "Usage: " before the first line that starts
 * with "vrrpctl", seven spaces before the others; @lead says which comes
 * next.
 */
static void vrrp_usage_lines(FILE *f, const char *s, bool *lead)
{
	const char *nl;
	int len;

	for (; *s; s = nl + 1) {
		nl = strchrnul(s, '\n');
		len = nl - s;
		if (!strncmp(s, "vrrpctl", 7)) {
			fputs(*lead ? "Usage: " : "       ", f);
			*lead = false;
		}
		fprintf(f, "%.*s\n", len, s);
		if (!*nl)
			break;
	}
}

/* "vrrpctl help": the synopsis of every command but the aliases. */
static void vrrp_usage(FILE *f)
{
	bool lead = true;
	size_t i;

	vrrp_usage_lines(f, "vrrpctl [OPTIONS] COMMAND\n"
			 "vrrpctl [OPTIONS] -b[atch] FILE\n", &lead);
	for (i = 0; i < VRRP_NCMDS; i++)
		if (!i || vrrp_cmds[i].usage != vrrp_cmds[i - 1].usage)
			vrrp_usage_lines(f, vrrp_cmds[i].usage->synopsis,
					 &lead);
	fputs("OPTIONS := { -j[son] | -p[retty] | -s[tatistics] | -d[etails] |\n"
	      "             -t[imestamp] | -n[etns] NETNS | -b[atch] FILE | -f[orce] |\n"
	      "             -c[heck] | -h[elp] | -V[ersion] }\n", f);
}

/* "vrrpctl COMMAND help": the command's synopsis and notes. */
static void vrrp_usage_cmd(FILE *f, const struct vrrp_cmd *cmd)
{
	bool lead = true;

	if (cmd->fn == vrrp_cmd_help) {
		vrrp_usage(f);
		return;
	}
	vrrp_usage_lines(f, cmd->usage->synopsis, &lead);
	if (cmd->usage->notes)
		fputs(cmd->usage->notes, f);
}

/* "help" or "help COMMAND". */
static int vrrp_cmd_help(struct vrrp_ctx *ctx, int argc, char **argv)
{
	const struct vrrp_cmd *cmd;

	(void)ctx;
	if (argc > 1) {
		vrrp_err("help: too many arguments");
		return VRRP_EXIT_USAGE;
	}
	if (!argc) {
		vrrp_usage(stdout);
		return VRRP_EXIT_OK;
	}
	cmd = vrrp_cmd_find(argv[0]);
	if (!cmd)
		return VRRP_EXIT_USAGE;
	vrrp_usage_cmd(stdout, cmd);
	return VRRP_EXIT_OK;
}

/* Find a command by exact name or unambiguous prefix; print why not. */
static const struct vrrp_cmd *vrrp_cmd_find(const char *name)
{
	const struct vrrp_cmd *found = NULL;
	size_t len = strlen(name);
	size_t i;

	for (i = 0; i < VRRP_NCMDS; i++)
		if (!strcmp(vrrp_cmds[i].name, name))
			return &vrrp_cmds[i];
	for (i = 0; len && i < VRRP_NCMDS; i++) {
		if (strncmp(vrrp_cmds[i].name, name, len) ||
		    len < vrrp_cmds[i].minlen)
			continue;
		if (found && found->fn != vrrp_cmds[i].fn) {
			vrrp_err("ambiguous command \"%s\"", name);
			return NULL;
		}
		if (!found)
			found = &vrrp_cmds[i];
	}
	if (!found)
		vrrp_err("unknown command \"%s\"", name);
	return found;
}

enum {
	VRRP_OPT_JSON,
	VRRP_OPT_PRETTY,
	VRRP_OPT_STATS,
	VRRP_OPT_DETAILS,
	VRRP_OPT_NETNS,
	VRRP_OPT_TIMESTAMP,
	VRRP_OPT_BATCH,
	VRRP_OPT_FORCE,
	VRRP_OPT_CHECK,
	VRRP_OPT_HELP,
	VRRP_OPT_VERSION,
};

/* Options after one or two dashes, iproute2 style ("-j", "-json"). */
static const struct vrrp_kw vrrp_opts[] = {
	{ "json", VRRP_OPT_JSON, 0 },
	{ "pretty", VRRP_OPT_PRETTY, 0 },
	{ "statistics", VRRP_OPT_STATS, 0 },
	{ "stats", VRRP_OPT_STATS, 0 },
	{ "details", VRRP_OPT_DETAILS, 0 },
	{ "netns", VRRP_OPT_NETNS, 0 },
	{ "timestamp", VRRP_OPT_TIMESTAMP, 0 },
	{ "batch", VRRP_OPT_BATCH, 0 },
	{ "force", VRRP_OPT_FORCE, 0 },
	{ "check", VRRP_OPT_CHECK, 0 },
	{ "help", VRRP_OPT_HELP, 0 },
	{ "Version", VRRP_OPT_VERSION, 0 },
	{ NULL, 0, 0 },
};

/*
 * Parse the options before the command. Returns the number of words used,
 * or a negative exit code when done (-1 - VRRP_EXIT_*).
 */
static int vrrp_parse_opts(struct vrrp_ctx *ctx, int argc, char **argv)
{
	int i;

	for (i = 0; i < argc && argv[i][0] == '-'; i++) {
		const char *opt = argv[i] + 1;
		int id;

		if (!strcmp(argv[i], "--")) {
			i++;
			break;
		}
		if (*opt == '-')
			opt++;
		/* Case matters: "-V" is "-Version", "-v" is nothing. */
		id = vrrp_kw_lookup(vrrp_opts, opt);
		if (id < 0) {
			vrrp_err("%s option \"%s\"",
				 id == VRRP_KW_AMBIGUOUS ? "ambiguous" :
				 "unknown", argv[i]);
			vrrp_usage(stderr);
			return -1 - VRRP_EXIT_USAGE;
		}
		switch (id) {
		case VRRP_OPT_JSON:
			ctx->json = true;
			break;
		case VRRP_OPT_PRETTY:
			ctx->json = true;
			ctx->pretty = true;
			break;
		case VRRP_OPT_STATS:
			ctx->stats = true;
			break;
		case VRRP_OPT_DETAILS:
			ctx->details = true;
			break;
		case VRRP_OPT_NETNS:
			if (i + 1 >= argc) {
				vrrp_err("missing value after \"%s\"", argv[i]);
				vrrp_usage(stderr);
				return -1 - VRRP_EXIT_USAGE;
			}
			ctx->netns = argv[++i];
			if (!vrrp_netns_name_valid(ctx->netns)) {
				vrrp_err("invalid network namespace name \"%s\"",
					 ctx->netns);
				vrrp_usage(stderr);
				return -1 - VRRP_EXIT_USAGE;
			}
			break;
		case VRRP_OPT_TIMESTAMP:
			ctx->timestamp = true;
			break;
		case VRRP_OPT_FORCE:
			ctx->force = true;
			break;
		case VRRP_OPT_CHECK:
			ctx->check = true;
			break;
		case VRRP_OPT_BATCH:
			if (i + 1 >= argc) {
				vrrp_err("missing value after \"%s\"", argv[i]);
				vrrp_usage(stderr);
				return -1 - VRRP_EXIT_USAGE;
			}
			ctx->batch = argv[++i];
			break;
		case VRRP_OPT_HELP:
			vrrp_usage(stdout);
			return -1 - VRRP_EXIT_OK;
		case VRRP_OPT_VERSION:
			printf("vrrpctl %s (generic netlink family \"%s\", version %d)\n",
			       VRRPCTL_VERSION, VRRP_FAMILY_NAME,
			       VRRP_FAMILY_VERSION);
			return -1 - VRRP_EXIT_OK;
		}
	}
	return i;
}

/*
 * Run one command (argv[0] is its name); usage goes to stderr after a
 * usage error, except in a batch, where the error names the line.
 */
static int vrrp_run_cmd(struct vrrp_ctx *ctx, int argc, char **argv)
{
	const struct vrrp_cmd *cmd;
	int ret;

	cmd = vrrp_cmd_find(argv[0]);
	if (!cmd) {
		if (!ctx->batch)
			vrrp_usage(stderr);
		return VRRP_EXIT_USAGE;
	}
	/* "vrrpctl add help", as "ip link add help". */
	if (argc == 2 && !strcmp(argv[1], "help")) {
		vrrp_usage_cmd(stdout, cmd);
		return VRRP_EXIT_OK;
	}
	ret = cmd->fn(ctx, argc - 1, argv + 1);
	if (ret == VRRP_EXIT_USAGE && !ctx->batch)
		vrrp_usage_cmd(stderr, cmd);
	if (fflush(stdout) || ferror(stdout)) {
		vrrp_err("cannot write the output");
		return VRRP_EXIT_FAIL;
	}
	return ret;
}

/*
 * Run the commands of a file, one a line. Stops at the first that fails
 * unless -force; exit 1 if any failed.
 */
static int vrrp_batch(struct vrrp_ctx *ctx)
{
	char *argv[VRRP_LINE_WORDS];
	bool std = !strcmp(ctx->batch, "-");
	int ret = VRRP_EXIT_OK, rc, argc;
	unsigned int lineno = 0;
	char *line = NULL;
	size_t size = 0;
	FILE *f;

	f = std ? stdin : fopen(ctx->batch, "r");
	if (!f) {
		vrrp_err("cannot open batch file \"%s\": %s", ctx->batch,
			 strerror(errno));
		return VRRP_EXIT_FAIL;
	}
	vrrp_err_file = std ? "stdin" : ctx->batch;
	while (getline(&line, &size, f) >= 0) {
		struct vrrp_ctx c = *ctx;

		vrrp_err_line = ++lineno;
		argc = vrrp_split_words(line, argv, VRRP_LINE_WORDS);
		if (!argc)
			continue;
		rc = argc < 0 ? VRRP_EXIT_USAGE : vrrp_run_cmd(&c, argc, argv);
		if (rc == VRRP_EXIT_OK)
			continue;
		ret = VRRP_EXIT_FAIL;
		if (!ctx->force)
			break;
	}
	if (ferror(f)) {
		vrrp_err("cannot read: %s", strerror(errno));
		ret = VRRP_EXIT_FAIL;
	}
	vrrp_err_file = NULL;
	free(line);
	if (!std)
		fclose(f);
	return ret;
}

int main(int argc, char **argv)
{
	struct vrrp_ctx ctx = { 0 };
	int n;

	if (argc < 1)
		return VRRP_EXIT_USAGE;
	argc--;
	argv++;
	n = vrrp_parse_opts(&ctx, argc, argv);
	if (n < 0)
		return -1 - n;
	argc -= n;
	argv += n;

	if (ctx.batch) {
		if (argc) {
			vrrp_err("-batch takes no command: \"%s\"", argv[0]);
			vrrp_usage(stderr);
			return VRRP_EXIT_USAGE;
		}
		return vrrp_batch(&ctx);
	}
	if (argc < 1) {
		vrrp_err("missing command");
		vrrp_usage(stderr);
		return VRRP_EXIT_USAGE;
	}
	return vrrp_run_cmd(&ctx, argc, argv);
}
