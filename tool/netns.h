/* SPDX-License-Identifier: GPL-2.0 */
/* Switching into a named network namespace, as "ip -n NETNS" does. */
#ifndef _VRRPCTL_NETNS_H
#define _VRRPCTL_NETNS_H

#include <stdbool.h>

#define VRRP_NETNS_RUN_DIR "/run/netns"

bool vrrp_netns_name_valid(const char *name);
int vrrp_netns_enter(const char *name);

#endif /* _VRRPCTL_NETNS_H */
