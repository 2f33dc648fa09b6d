/* SPDX-License-Identifier: GPL-2.0 */
/* "vrrpctl add" and "vrrpctl del": create and delete virtual routers. */
#ifndef _VRRPCTL_ROUTER_H
#define _VRRPCTL_ROUTER_H

#include <stdio.h>

#include "vrrpctl.h"

int vrrp_cmd_add(struct vrrp_ctx *ctx, int argc, char **argv);
void vrrp_usage_add(FILE *f);
int vrrp_cmd_del(struct vrrp_ctx *ctx, int argc, char **argv);
void vrrp_usage_del(FILE *f);

#endif /* _VRRPCTL_ROUTER_H */
