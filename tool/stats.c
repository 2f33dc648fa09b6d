// SPDX-License-Identifier: GPL-2.0
/*
 * "vrrpctl stats": "stats reset" zeroes the counters of a router, of the
 * routers of a device or of all; "stats net" prints the counters of the
 * namespace (packets that belong to no router). The counters of a router
 * are printed by "show -s".
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <linux/types.h>
#include <linux/vrrp.h>

#include "metrics.h"
#include "netns.h"
#include "nl.h"
#include "print.h"
#include "router.h"
#include "spec-gen.h"
#include "stats.h"
#include "util.h"

const struct vrrp_usage vrrp_usage_stats = {
	.synopsis = "vrrpctl stats reset [[dev] DEV [vrid VRID [family { inet | inet6 }]]]\n"
		    "vrrpctl [-j [-p]] stats net\n",
};

static int vrrp_stats_net(struct vrrp_ctx *ctx)
{
	struct vrrp_net_stats ns = { 0 };
	const struct vrrp_stat_name *s;
	struct vrrp_nl nl = { 0 };
	int ret = VRRP_EXIT_FAIL;
	struct vrrp_nl_err err;
	unsigned int i;

	/* -check: the command was read and checked; nothing is sent. */
	if (ctx->check)
		return VRRP_EXIT_OK;
	if (vrrp_netns_enter(ctx->netns) || vrrp_nl_open(&nl))
		return VRRP_EXIT_FAIL;
	if (vrrp_net_stats_get(&nl, &ns, &err)) {
		vrrp_nl_perror("stats net", &err);
		goto out;
	}
	vrrp_print_start(ctx->json, ctx->pretty);
	vrrp_open_object(NULL);
	for (i = 0; i < ARRAY_SIZE(vrrp_net_stat_names); i++) {
		s = &vrrp_net_stat_names[i];
		vrrp_print_fp(VRRP_PRINT_FP, "%s%s", i ? " " : "", s->text);
		if (ns.present & (1ULL << s->attr))
			vrrp_print_u64(VRRP_PRINT_ANY, s->json, " %llu",
				       ns.v[s->attr]);
		else
			vrrp_print_null(VRRP_PRINT_ANY, s->json, " %s", "-");
	}
	vrrp_close_object();
	vrrp_print_nl(VRRP_PRINT_FP);
	vrrp_print_end();
	ret = VRRP_EXIT_OK;
out:
	vrrp_nl_close(&nl);
	return ret;
}

/**
 * vrrp_cmd_stats() - "vrrpctl stats reset ..." and "vrrpctl stats net"
 * @ctx: global options
 * @argc: number of words after "stats"
 * @argv: the words after "stats"
 *
 * Return: an exit code.
 */
int vrrp_cmd_stats(struct vrrp_ctx *ctx, int argc, char **argv)
{
	static const struct vrrp_kw subs[] = {
		{ "reset", 0, 0 },
		{ "net", 1, 0 },
		{ NULL, 0, 0 },
	};
	unsigned char vrid = 0, family = 0;
	const char *dev = NULL;
	int sub;

	if (argc < 1) {
		vrrp_err("stats: missing \"reset\" or \"net\"");
		return VRRP_EXIT_USAGE;
	}
	sub = vrrp_kw_parse(subs, argv[0], "stats command");
	if (sub < 0)
		return VRRP_EXIT_USAGE;
	if (sub == 1) {
		if (argc > 1) {
			vrrp_err("stats net: too many arguments");
			return VRRP_EXIT_USAGE;
		}
		return vrrp_stats_net(ctx);
	}
	if (vrrp_parse_key(argc - 1, argv + 1, "stats reset", false, &dev,
			   &vrid, &family))
		return VRRP_EXIT_USAGE;
	if (vrid && !dev) {
		vrrp_err("stats reset: \"vrid\" needs a device");
		return VRRP_EXIT_USAGE;
	}
	return vrrp_router_request(ctx, VRRP_CMD_STATS_RESET, "stats reset",
				   dev, vrid, family, NULL);
}
