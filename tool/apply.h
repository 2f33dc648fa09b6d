/* SPDX-License-Identifier: GPL-2.0 */
/*
 * "vrrpctl apply": make the running routers those of a file, changing
 * only what differs; "vrrpctl save": the running routers as that file.
 */
#ifndef _VRRPCTL_APPLY_H
#define _VRRPCTL_APPLY_H

#include "vrrpctl.h"

int vrrp_cmd_apply(struct vrrp_ctx *ctx, int argc, char **argv);
extern const struct vrrp_usage vrrp_usage_apply;
int vrrp_cmd_save(struct vrrp_ctx *ctx, int argc, char **argv);
extern const struct vrrp_usage vrrp_usage_save;

#endif /* _VRRPCTL_APPLY_H */
