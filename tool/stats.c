// SPDX-License-Identifier: GPL-2.0
/*
 * "vrrpctl stats": "stats reset" zeroes the counters of a router, of the
 * routers of a device or of all; "stats net" prints the counters of the
 * namespace (packets that belong to no router). The counters of a router
 * are printed by "show -s".
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <linux/types.h>
#include <linux/vrrp.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>

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

static const struct nla_policy vrrp_net_stats_policy[VRRP_A_NET_STATS_MAX + 1] = {
	VRRP_NET_STATS_POLICY
};

/**
 * struct vrrp_net_stats - the namespace counters of a reply
 * @got: a reply arrived
 * @vrid_errors: advertisements for a VRID nobody runs
 * @length_errors: packets too short for a VRRP header
 */
struct vrrp_net_stats {
	bool got;
	__u64 vrid_errors;
	__u64 length_errors;
};

/* vrrp_nl_reply_fn for net-stats-get. */
static int vrrp_net_stats_reply(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[VRRP_A_ROUTER_MAX + 1];
	struct nlattr *st[VRRP_A_NET_STATS_MAX + 1];
	struct vrrp_net_stats *ns = arg;

	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, VRRP_A_ROUTER_MAX, NULL) < 0 ||
	    !tb[VRRP_A_ROUTER_NET_STATS] ||
	    nla_parse_nested(st, VRRP_A_NET_STATS_MAX,
			     tb[VRRP_A_ROUTER_NET_STATS],
			     vrrp_net_stats_policy) < 0)
		return -EBADMSG;
	if (st[VRRP_A_NET_STATS_VRID_ERRORS])
		ns->vrid_errors = nla_get_u64(st[VRRP_A_NET_STATS_VRID_ERRORS]);
	if (st[VRRP_A_NET_STATS_PACKET_LENGTH_ERRORS])
		ns->length_errors =
			nla_get_u64(st[VRRP_A_NET_STATS_PACKET_LENGTH_ERRORS]);
	ns->got = true;
	return 0;
}

static int vrrp_stats_net(struct vrrp_ctx *ctx)
{
	struct vrrp_net_stats ns = { 0 };
	struct vrrp_nl nl = { 0 };
	int ret = VRRP_EXIT_FAIL;
	struct vrrp_nl_err err;
	struct nl_msg *msg;

	if (vrrp_netns_enter(ctx->netns) || vrrp_nl_open(&nl))
		return VRRP_EXIT_FAIL;
	msg = vrrp_nl_msg_new(&nl, VRRP_CMD_NET_STATS_GET, 0);
	if (!msg) {
		vrrp_err("cannot build the request: %s", strerror(ENOMEM));
		goto out;
	}
	if (vrrp_nl_run(&nl, msg, vrrp_net_stats_reply, &ns, &err)) {
		vrrp_nl_perror("stats net", &err);
		goto out;
	}
	if (!ns.got) {
		vrrp_err("stats net: no reply from the kernel");
		goto out;
	}
	vrrp_print_start(ctx->json, ctx->pretty);
	vrrp_open_object(NULL);
	vrrp_print_u64(VRRP_PRINT_ANY, "vrid_errors", "vrid-errors %llu",
		       ns.vrid_errors);
	vrrp_print_u64(VRRP_PRINT_ANY, "packet_length_errors",
		       " packet-length-errors %llu", ns.length_errors);
	vrrp_close_object();
	vrrp_print_nl(VRRP_PRINT_FP);
	vrrp_print_end();
	ret = VRRP_EXIT_OK;
out:
	nlmsg_free(msg);
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
