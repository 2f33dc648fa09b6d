/* SPDX-License-Identifier: GPL-2.0 */
/* "vrrpctl monitor": print the events of the "events" multicast group. */
#ifndef _VRRPCTL_MONITOR_H
#define _VRRPCTL_MONITOR_H

#include <stdio.h>

#include "vrrpctl.h"

int vrrp_cmd_monitor(struct vrrp_ctx *ctx, int argc, char **argv);
extern const struct vrrp_usage vrrp_usage_monitor;

#endif /* _VRRPCTL_MONITOR_H */
