/* SPDX-License-Identifier: GPL-2.0 */
/* "vrrpctl flush": delete every virtual router, or those of a device. */
#ifndef _VRRPCTL_FLUSH_H
#define _VRRPCTL_FLUSH_H

#include "vrrpctl.h"

int vrrp_cmd_flush(struct vrrp_ctx *ctx, int argc, char **argv);
extern const struct vrrp_usage vrrp_usage_flush;

#endif /* _VRRPCTL_FLUSH_H */
