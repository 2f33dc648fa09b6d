/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The libnl-genl-3 side of vrrpctl: the socket, resolving the "vrrp"
 * family, running one request to its end and reporting errors with the
 * kernel's extended ACK message.
 */
#ifndef _VRRPCTL_NL_H
#define _VRRPCTL_NL_H

#include <stdbool.h>
#include <linux/types.h>
#include <netlink/msg.h>

/**
 * struct vrrp_nl - a generic netlink socket bound to the vrrp family
 * @sk: the libnl socket
 * @family: the family id the kernel assigned to "vrrp"
 */
struct vrrp_nl {
	struct nl_sock *sk;
	int family;
};

/**
 * struct vrrp_nl_err - why a request failed
 * @error: negative errno from the kernel, or 0
 * @nlerr: negative libnl error (NLE_*) when the failure is local, or 0
 * @msg: the extended ACK message, or ""
 * @attr: the attribute the kernel pointed at (bad or missing), or ""
 * @missing: true if @attr names a missing attribute
 * @valid: the values the kernel's policy allows for @attr, when it sent
 *	them ("1-255", "at most 31 bytes"), or ""
 */
struct vrrp_nl_err {
	int error;
	int nlerr;
	char msg[256];
	char attr[32];
	bool missing;
	char valid[48];
};

/* Called for each reply; returns 0 or a negative errno to stop. */
typedef int (*vrrp_nl_reply_fn)(struct nl_msg *msg, void *arg);

int vrrp_nl_open(struct vrrp_nl *nl);
int vrrp_nl_subscribe(struct vrrp_nl *nl);
void vrrp_nl_close(struct vrrp_nl *nl);
struct nl_msg *vrrp_nl_msg_new(struct vrrp_nl *nl, __u8 cmd, int flags);
int vrrp_nl_run(struct vrrp_nl *nl, struct nl_msg *msg, vrrp_nl_reply_fn fn,
		void *arg, struct vrrp_nl_err *err);
bool vrrp_nl_err_is_dump_intr(const struct vrrp_nl_err *err);
void vrrp_nl_perror(const char *what, const struct vrrp_nl_err *err);

#endif /* _VRRPCTL_NL_H */
