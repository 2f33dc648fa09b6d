/* SPDX-License-Identifier: GPL-2.0 */
/* "vrrpctl stats": reset the counters of routers, read the namespace's. */
#ifndef _VRRPCTL_STATS_H
#define _VRRPCTL_STATS_H

#include "vrrpctl.h"

int vrrp_cmd_stats(struct vrrp_ctx *ctx, int argc, char **argv);
extern const struct vrrp_usage vrrp_usage_stats;

#endif /* _VRRPCTL_STATS_H */
