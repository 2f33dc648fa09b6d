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
void vrrp_usage_add(FILE *f);
int vrrp_cmd_set(struct vrrp_ctx *ctx, int argc, char **argv);
void vrrp_usage_set(FILE *f);
int vrrp_cmd_del(struct vrrp_ctx *ctx, int argc, char **argv);
void vrrp_usage_del(FILE *f);
int vrrp_cmd_flush(struct vrrp_ctx *ctx, int argc, char **argv);
void vrrp_usage_flush(FILE *f);
int vrrp_cmd_stats(struct vrrp_ctx *ctx, int argc, char **argv);
void vrrp_usage_stats(FILE *f);

#endif /* _VRRPCTL_ROUTER_H */
