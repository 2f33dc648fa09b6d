/* SPDX-License-Identifier: GPL-2.0 */
/*
 * "vrrpctl add", "set" and "del": create, change and delete virtual
 * routers, and "check" reports a health check; the naming of a router
 * and the request, shared with "stats" and "flush".
 */
#ifndef _VRRPCTL_ROUTER_H
#define _VRRPCTL_ROUTER_H

#include <stdbool.h>
#include <linux/types.h>

#include "vrrpctl.h"

struct vrrp_router_info;
struct vrrp_rt_req;

int vrrp_cmd_add(struct vrrp_ctx *ctx, int argc, char **argv);
extern const struct vrrp_usage vrrp_usage_add;
int vrrp_cmd_set(struct vrrp_ctx *ctx, int argc, char **argv);
extern const struct vrrp_usage vrrp_usage_set;
int vrrp_cmd_del(struct vrrp_ctx *ctx, int argc, char **argv);
extern const struct vrrp_usage vrrp_usage_del;
int vrrp_cmd_check(struct vrrp_ctx *ctx, int argc, char **argv);
extern const struct vrrp_usage vrrp_usage_check;

int vrrp_parse_first_dev(int argc, char **argv, int *i, const char **dev);
int vrrp_parse_only_dev(const char *cmd, int argc, char **argv,
			const char **dev);
int vrrp_parse_key(int argc, char **argv, const char *cmd, bool need_vrid,
		   const char **dev, unsigned char *vrid, unsigned char *family);
int vrrp_router_args(int argc, char **argv, bool set,
		     struct vrrp_router_info *r);
int vrrp_router_request(struct vrrp_ctx *ctx, __u8 cmd, const char *name,
			const char *dev, unsigned char vrid,
			unsigned char family, struct vrrp_rt_req *q);

#endif /* _VRRPCTL_ROUTER_H */
