// SPDX-License-Identifier: GPL-2.0
/*
 * "vrrpctl flush": delete every virtual router, or those of a device, one
 * del request per router of a dump; a router gone meanwhile is no error.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <linux/vrrp.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include "flush.h"
#include "netns.h"
#include "nl.h"
#include "router.h"
#include "show.h"
#include "util.h"

const struct vrrp_usage vrrp_usage_flush = {
	.synopsis = "vrrpctl flush [[dev] DEV]\n",
};

/**
 * vrrp_cmd_flush() - "vrrpctl flush": delete every router (of a device)
 * @ctx: global options
 * @argc: number of words after "flush"
 * @argv: the words after "flush"
 *
 * Return: an exit code.
 */
int vrrp_cmd_flush(struct vrrp_ctx *ctx, int argc, char **argv)
{
	struct vrrp_router_list list = { 0 };
	struct vrrp_nl nl = { 0 };
	unsigned int ifindex = 0;
	const char *dev = NULL;
	struct vrrp_nl_err err;
	int ret = VRRP_EXIT_OK;
	char what[64];
	size_t i;

	if (vrrp_parse_only_dev("flush", argc, argv, &dev))
		return VRRP_EXIT_USAGE;
	/* -check: the command was read and checked; nothing is sent. */
	if (ctx->check)
		return VRRP_EXIT_OK;
	if (vrrp_netns_enter(ctx->netns) ||
	    (dev && vrrp_dev_index(dev, &ifindex)))
		return VRRP_EXIT_FAIL;
	if (vrrp_nl_open(&nl))
		return VRRP_EXIT_FAIL;
	if (vrrp_router_dump(&nl, ifindex, 0, 0, &list, &err)) {
		vrrp_nl_perror("flush", &err);
		vrrp_nl_close(&nl);
		return VRRP_EXIT_FAIL;
	}
	for (i = 0; i < list.n; i++) {
		const struct vrrp_router_info *r = &list.r[i];
		struct nl_msg *msg = vrrp_nl_msg_new(&nl, VRRP_CMD_DEL, 0);

		if (!msg || nla_put_u32(msg, VRRP_A_ROUTER_IFINDEX, r->ifindex) ||
		    nla_put_u8(msg, VRRP_A_ROUTER_VRID, r->vrid) ||
		    nla_put_u8(msg, VRRP_A_ROUTER_FAMILY, r->family)) {
			vrrp_err("cannot build the request: %s",
				 strerror(ENOMEM));
			nlmsg_free(msg);
			ret = VRRP_EXIT_FAIL;
			break;
		}
		/* Gone meanwhile is what was asked for. */
		if (vrrp_nl_run(&nl, msg, NULL, NULL, &err) &&
		    err.error != -ENOENT && err.error != -ENODEV) {
			snprintf(what, sizeof(what), "flush: del %s vrid %u family %s",
				 r->ifname, r->vrid,
				 vrrp_family_name(r->family));
			vrrp_nl_perror(what, &err);
			ret = VRRP_EXIT_FAIL;
		}
		nlmsg_free(msg);
	}
	vrrp_router_list_free(&list);
	vrrp_nl_close(&nl);
	return ret;
}

