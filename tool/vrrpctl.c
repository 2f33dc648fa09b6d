// SPDX-License-Identifier: GPL-2.0
/*
 * vrrpctl - configure the in-kernel VRRP implementation over the "vrrp"
 * generic netlink family, in the manner of iproute2:
 *
 *	vrrpctl [OPTIONS] { add | del | show | help } ...
 */
#include <stdio.h>
#include <string.h>
#include <linux/vrrp.h>

#include "netns.h"
#include "router.h"
#include "show.h"
#include "util.h"
#include "vrrpctl.h"

/**
 * struct vrrp_cmd - one subcommand
 * @name: its name; an unambiguous prefix also selects it
 * @fn: runs it with the words after its name; returns an exit code
 * @usage: prints its synopsis
 */
struct vrrp_cmd {
	const char *name;
	int (*fn)(struct vrrp_ctx *ctx, int argc, char **argv);
	void (*usage)(FILE *f);
};

static int vrrp_cmd_help(struct vrrp_ctx *ctx, int argc, char **argv);
static const struct vrrp_cmd *vrrp_cmd_find(const char *name);
static void vrrp_usage(FILE *f);

/* Aliases follow their command; lookup is by index into this table. */
static const struct vrrp_cmd vrrp_cmds[] = {
	{ "add", vrrp_cmd_add, vrrp_usage_add },
	{ "delete", vrrp_cmd_del, vrrp_usage_del },
	{ "del", vrrp_cmd_del, vrrp_usage_del },
	{ "show", vrrp_cmd_show, vrrp_usage_show },
	{ "list", vrrp_cmd_show, vrrp_usage_show },
	{ "lst", vrrp_cmd_show, vrrp_usage_show },
	{ "help", vrrp_cmd_help, vrrp_usage },
};

#define VRRP_NCMDS ARRAY_SIZE(vrrp_cmds)

static void vrrp_usage(FILE *f)
{
	fprintf(f,
		"Usage: vrrpctl [OPTIONS] COMMAND\n"
		"       vrrpctl add [dev] DEV vrid VRID [priority PRIO] [interval MS]\n"
		"                   [preempt { on | off }] address A.B.C.D[/PLEN] [address ...]\n"
		"       vrrpctl del [dev] DEV vrid VRID\n"
		"       vrrpctl show [[dev] DEV] [vrid VRID]\n"
		"       vrrpctl help [COMMAND]\n"
		"OPTIONS := { -j[son] | -p[retty] | -s[tatistics] | -d[etails] |\n"
		"             -n[etns] NETNS | -h[elp] | -V[ersion] }\n");
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
	cmd->usage(stdout);
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
		if (strncmp(vrrp_cmds[i].name, name, len))
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
	VRRP_OPT_HELP,
	VRRP_OPT_VERSION,
};

/* Options after one or two dashes, iproute2 style ("-j", "-json"). */
static const struct vrrp_kw vrrp_opts[] = {
	{ "json", VRRP_OPT_JSON },
	{ "pretty", VRRP_OPT_PRETTY },
	{ "statistics", VRRP_OPT_STATS },
	{ "stats", VRRP_OPT_STATS },
	{ "details", VRRP_OPT_DETAILS },
	{ "netns", VRRP_OPT_NETNS },
	{ "help", VRRP_OPT_HELP },
	{ "Version", VRRP_OPT_VERSION },
	{ NULL, 0 },
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

int main(int argc, char **argv)
{
	const struct vrrp_cmd *cmd;
	struct vrrp_ctx ctx = { 0 };
	int ret, n;

	if (argc < 1)
		return VRRP_EXIT_USAGE;
	argc--;
	argv++;
	n = vrrp_parse_opts(&ctx, argc, argv);
	if (n < 0)
		return -1 - n;
	argc -= n;
	argv += n;

	if (argc < 1) {
		vrrp_err("missing command");
		vrrp_usage(stderr);
		return VRRP_EXIT_USAGE;
	}
	cmd = vrrp_cmd_find(argv[0]);
	if (!cmd) {
		vrrp_usage(stderr);
		return VRRP_EXIT_USAGE;
	}
	/* "vrrpctl add help", as "ip link add help". */
	if (argc == 2 && !strcmp(argv[1], "help")) {
		cmd->usage(stdout);
		return VRRP_EXIT_OK;
	}
	ret = cmd->fn(&ctx, argc - 1, argv + 1);
	if (ret == VRRP_EXIT_USAGE)
		cmd->usage(stderr);
	if (fflush(stdout) || ferror(stdout)) {
		vrrp_err("cannot write the output");
		return VRRP_EXIT_FAIL;
	}
	return ret;
}
