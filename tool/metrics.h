/* SPDX-License-Identifier: GPL-2.0 */
/*
 * "vrrpctl metrics": the routers' states and counters and the namespace's
 * counters in the Prometheus text exposition format; the namespace
 * counters' request, shared with "stats net".
 */
#ifndef _VRRPCTL_METRICS_H
#define _VRRPCTL_METRICS_H

#include <stdbool.h>
#include <stdio.h>
#include <linux/types.h>
#include <linux/vrrp.h>

#include "nl.h"
#include "show.h"
#include "vrrpctl.h"

/**
 * struct vrrp_net_stats - the namespace counters of a reply
 * @got: a reply arrived
 * @present: bit (1 << VRRP_A_NET_STATS_*) for each counter received
 * @v: the counters, indexed by VRRP_A_NET_STATS_*
 */
struct vrrp_net_stats {
	bool got;
	__u64 present;
	__u64 v[VRRP_A_NET_STATS_MAX + 1];
};

int vrrp_net_stats_get(struct vrrp_nl *nl, struct vrrp_net_stats *ns,
		       struct vrrp_nl_err *err);
void vrrp_metrics_print(FILE *f, const char *netns,
			const struct vrrp_router_list *list,
			const struct vrrp_net_stats *ns);
int vrrp_cmd_metrics(struct vrrp_ctx *ctx, int argc, char **argv);
extern const struct vrrp_usage vrrp_usage_metrics;

#endif /* _VRRPCTL_METRICS_H */
