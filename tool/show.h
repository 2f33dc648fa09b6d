/* SPDX-License-Identifier: GPL-2.0 */
/* "vrrpctl show": list virtual routers as text or JSON. */
#ifndef _VRRPCTL_SHOW_H
#define _VRRPCTL_SHOW_H

#include <stdio.h>

#include "vrrpctl.h"

int vrrp_cmd_show(struct vrrp_ctx *ctx, int argc, char **argv);
void vrrp_usage_show(FILE *f);

#endif /* _VRRPCTL_SHOW_H */
