// SPDX-License-Identifier: GPL-2.0
/* Switching into a named network namespace, as "ip -n NETNS" does. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "netns.h"
#include "util.h"

/**
 * vrrp_netns_name_valid() - check a name given to -n
 * @name: the name
 *
 * Return: true if @name can name a file in /run/netns (as "ip netns add"
 * would have created it).
 */
bool vrrp_netns_name_valid(const char *name)
{
	size_t len = strlen(name);

	return len && len < NAME_MAX && !strchr(name, '/') &&
	       strcmp(name, ".") && strcmp(name, "..");
}

/**
 * vrrp_netns_enter() - move the calling thread into a named netns
 * @name: a name checked with vrrp_netns_name_valid(), or NULL to stay
 *
 * Sockets opened afterwards (netlink, the ioctl socket of if_nametoindex())
 * belong to that namespace.
 *
 * Return: 0, or -1 after printing the reason.
 */
int vrrp_netns_enter(const char *name)
{
	char path[sizeof(VRRP_NETNS_RUN_DIR) + NAME_MAX + 1];
	int fd;

	if (!name)
		return 0;
	snprintf(path, sizeof(path), "%s/%s", VRRP_NETNS_RUN_DIR, name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		vrrp_err("cannot open network namespace \"%s\": %s", name,
			 strerror(errno));
		return -1;
	}
	if (setns(fd, CLONE_NEWNET) < 0) {
		vrrp_err("cannot switch to network namespace \"%s\": %s",
			 name, strerror(errno));
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}
