/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shims for the older supported kernels (down to 5.10). The code is
 * written against the newest API; everything that differs between kernel
 * lines lives here and nowhere else. Kbuild detects each feature in the
 * headers of the kernel being built against (so backports are honoured),
 * no version numbers are compared.
 */
#ifndef _VRRP_COMPAT_H
#define _VRRP_COMPAT_H

#include <linux/hrtimer.h>
#include <linux/netdevice.h>
#include <linux/netfilter.h>
#include <linux/netfilter_arp.h>
#include <net/genetlink.h>
#include <net/netlink.h>

/* hrtimer_setup() appeared in 6.13. */
#ifndef VRRP_HAVE_HRTIMER_SETUP
static inline void
vrrp_compat_hrtimer_setup(struct hrtimer *timer,
			  enum hrtimer_restart (*function)(struct hrtimer *),
			  clockid_t clock_id, enum hrtimer_mode mode)
{
	hrtimer_init(timer, clock_id, mode);
	timer->function = function;
}

#define hrtimer_setup vrrp_compat_hrtimer_setup
#endif

/* genl_info_dump() (a genl_info for dumps) appeared in 6.2. */
static inline struct nlattr **vrrp_dump_attrs(struct netlink_callback *cb)
{
#ifdef VRRP_HAVE_GENL_INFO_DUMP
	return genl_info_dump(cb)->attrs;
#else
	return genl_dumpit_info(cb)->attrs;
#endif
}

/*
 * Before 6.2 nla_policy.range pointed to a non-const struct, and the
 * generated policies (netlink-gen.c) pass a const one.
 */
#ifndef VRRP_HAVE_CONST_NLA_RANGE
#undef NLA_POLICY_FULL_RANGE
#define NLA_POLICY_FULL_RANGE(tp, _range) {				\
	.type = NLA_ENSURE_UINT_OR_BINARY_TYPE(tp),			\
	.validation_type = NLA_VALIDATE_RANGE_PTR,			\
	.range = (struct netlink_range_validation *)(_range),		\
}
#endif

/*
 * Formatted extack messages appeared in 6.2; before, a message is a
 * pointer to a constant string, so older kernels get @plain.
 */
#ifdef NL_SET_ERR_MSG_FMT
#define vrrp_err_msg_fmt(extack, plain, fmt, args...) do {		\
	(void)(plain);							\
	NL_SET_ERR_MSG_FMT(extack, fmt, ##args);			\
} while (0)
#else
#define vrrp_err_msg_fmt(extack, plain, fmt, args...) do {		\
	(void)(fmt);							\
	NL_SET_ERR_MSG(extack, plain);					\
} while (0)
#endif

/* nla_strscpy() replaced nla_strlcpy() in 5.11 (return value unused). */
#ifndef VRRP_HAVE_NLA_STRSCPY
#define nla_strscpy nla_strlcpy
#endif

/*
 * GENL_REQ_ATTR_CHECK() appeared in 6.1, with the extack's missing
 * attribute (NLMSGERR_ATTR_MISS_TYPE); before, a missing attribute is a
 * plain message.
 */
#ifndef GENL_REQ_ATTR_CHECK
#define GENL_REQ_ATTR_CHECK(info, attr) ({				\
	struct genl_info *__info = (info);				\
	bool __missing = !__info->attrs[(attr)];			\
									\
	if (__missing)							\
		NL_SET_ERR_MSG(__info->extack, "missing attribute");	\
	__missing;							\
})
#endif

/*
 * Reference trackers appeared in 5.17, netdev_hold() in 6.0; before, a
 * plain dev_hold() (5.17 to 5.19, never a Debian kernel, go untracked).
 */
#ifndef VRRP_HAVE_NETDEVICE_TRACKER
struct vrrp_compat_tracker {};
#define netdevice_tracker struct vrrp_compat_tracker
#endif
#ifndef VRRP_HAVE_NETDEV_HOLD
static inline void vrrp_compat_netdev_hold(struct net_device *dev,
					   void *tracker, gfp_t gfp)
{
	dev_hold(dev);
}

static inline void vrrp_compat_netdev_put(struct net_device *dev,
					  void *tracker)
{
	dev_put(dev);
}

#define netdev_hold vrrp_compat_netdev_hold
#define netdev_put vrrp_compat_netdev_put
#endif

/*
 * The netdev egress hook (5.16) is there when the kernel has
 * CONFIG_NETFILTER_EGRESS: its uapi constant is there either way, and a
 * kernel without it refuses the hook. Without it, the output hooks below.
 */
#if defined(VRRP_HAVE_NF_EGRESS) && IS_ENABLED(CONFIG_NETFILTER_EGRESS)
#define VRRP_NF_EGRESS		1
#else
#define VRRP_NF_EGRESS		0
#endif

unsigned int vrrp_egress(void *priv, struct sk_buff *skb,
			 const struct nf_hook_state *state);
#if !VRRP_NF_EGRESS
unsigned int vrrp_output(void *priv, struct sk_buff *skb,
			 const struct nf_hook_state *state);
#endif

/*
 * Without the netdev egress hook, the stack's own ARP is caught at
 * NF_ARP_OUT and its Neighbor Discovery at IPv6 POST_ROUTING
 * (vrrp_output()), the IPv6 one before the Ethernet header is built, so
 * that an NS or NA of the stack leaves with the virtual MAC in its
 * link-layer option but the real MAC as Ethernet source. Those hooks are
 * the namespace's, not a device's: one pair per namespace while it has a
 * port (vrrp_output_get()), which looks the output device's port up; a
 * pair per port would run every port's hook for each packet, and
 * netfilter allows 1024 hooks at one point.
 * vrrp_output_hooks() fills the egress hook of a port's @ops after its
 * ingress one, if the kernel has it (the rest of it is the caller's).
 */
#if VRRP_NF_EGRESS
#define VRRP_NHOOKS		2

static inline void vrrp_output_hooks(struct nf_hook_ops *ops,
				     struct net_device *dev)
{
	ops[1].hook = vrrp_egress;
	ops[1].pf = NFPROTO_NETDEV;
	ops[1].hooknum = NF_NETDEV_EGRESS;
	ops[1].dev = dev;
}

static inline int vrrp_output_get(struct net *net)
{
	return 0;
}

static inline void vrrp_output_put(struct net *net)
{
}
#else
#define VRRP_NHOOKS		1

static inline void vrrp_output_hooks(struct nf_hook_ops *ops,
				     struct net_device *dev)
{
}

int vrrp_output_get(struct net *net);
void vrrp_output_put(struct net *net);
#endif

/*
 * Older kernels (5.10's; gone by 6.1) register an IPv4 protocol only if
 * it declares itself namespace aware.
 */
#ifdef VRRP_HAVE_NETNS_OK
#define VRRP_NET_PROTOCOL_NETNS	.netns_ok = 1
#else
#define VRRP_NET_PROTOCOL_NETNS
#endif

/*
 * The address protocol (IFA_PROTO, ifa_proto) appeared in 6.1; it marks
 * the addresses Accept_Mode installs. Before, none is marked
 * (VRRP_IFA_MARKED 0): vrrp_addr_request() sends no IFA_PROTO and the
 * callers of vrrp_ifa_proto() know a router's addresses otherwise.
 */
#ifdef VRRP_HAVE_IFA_PROTO
#define VRRP_IFA_MARKED		1
#define vrrp_ifa_proto(ifa)	((ifa)->ifa_proto)
#else
#define VRRP_IFA_MARKED		0
#define IFA_PROTO		IFA_UNSPEC
#define vrrp_ifa_proto(ifa)	((void)(ifa), 0)
#endif

#endif /* _VRRP_COMPAT_H */
