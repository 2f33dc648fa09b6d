/* SPDX-License-Identifier: GPL-2.0 */
/*
 * "vrrpctl add", "set", "del", "flush" and "stats": create, change and
 * delete virtual routers, and reset or read their counters.
 */
#ifndef _VRRPCTL_ROUTER_H
#define _VRRPCTL_ROUTER_H

#include <stdio.h>

#include "vrrpctl.h"

int vrrp_cmd_add(struct vrrp_ctx *ctx, int argc, char **argv);
extern const struct vrrp_usage vrrp_usage_add;
int vrrp_cmd_set(struct vrrp_ctx *ctx, int argc, char **argv);
extern const struct vrrp_usage vrrp_usage_set;
int vrrp_cmd_del(struct vrrp_ctx *ctx, int argc, char **argv);
extern const struct vrrp_usage vrrp_usage_del;
int vrrp_cmd_flush(struct vrrp_ctx *ctx, int argc, char **argv);
extern const struct vrrp_usage vrrp_usage_flush;
int vrrp_cmd_stats(struct vrrp_ctx *ctx, int argc, char **argv);
extern const struct vrrp_usage vrrp_usage_stats;

#endif /* _VRRPCTL_ROUTER_H */
