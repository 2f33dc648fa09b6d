// SPDX-License-Identifier: GPL-2.0
/*
 * The virtual MAC of a router and Accept_Mode: the vMAC's entry in the
 * device's unicast filter, for the router's whole life, and the virtual
 * addresses installed as local addresses of the interface while the
 * router is Active, by a work item in process context.
 */
#include <linux/etherdevice.h>
#include <linux/net.h>
#include <linux/rtnetlink.h>
#include <net/addrconf.h>
#include <net/net_namespace.h>

#include "vrrp.h"

/* 00-00-5E-00-01-{VRID} (IPv4) and 00-00-5E-00-02-{VRID} (IPv6), 7.3 */
const u8 vrrp_vmac_prefix[4] = { 0x00, 0x00, 0x5e, 0x00 };

/**
 * vrrp_vmac_is_standard() - is a router's vMAC the one of its VRID?
 * @r: the router
 *
 * Return: false for an anycast gateway given a MAC of its own.
 */
bool vrrp_vmac_is_standard(const struct vrrp_router *r)
{
	return !memcmp(r->vmac, vrrp_vmac_prefix, sizeof(vrrp_vmac_prefix)) &&
	       r->vmac[4] == (vrrp_is_v6(r) ? 0x02 : 0x01) &&
	       r->vmac[5] == r->vrid;
}

/*
 * A frame to a vMAC must name one router: an IPv4 and an IPv6 anycast
 * gateway may share a MAC of their own (the ingress hook tells them apart
 * by the frame's protocol), nothing else may: not another router's vMAC,
 * standard or not, and not one a deleted router drains. Nor may it be the
 * device's own address, whose frames the stack delivers itself. Standard
 * vMACs are unique by VRID and family already.
 */
static int vrrp_vmac_check(const struct vrrp_router *r,
			   struct netlink_ext_ack *extack)
{
	const struct net_device *dev = vrrp_dev(r);
	struct vrrp_port *port = r->port;
	const struct vrrp_router *q;
	unsigned int bkt;

	if (vrrp_vmac_is_standard(r))
		return 0;
	if (ether_addr_equal(r->vmac, dev->dev_addr)) {
		NL_SET_ERR_MSG(extack, "the virtual MAC is the interface's own address");
		return -EADDRINUSE;
	}
	list_for_each_entry(q, &port->list, port_node) {
		if (!ether_addr_equal(q->vmac, r->vmac) ||
		    (r->anycast && q->anycast && q->family != r->family))
			continue;
		vrrp_err_msg_fmt(extack,
				 "the virtual MAC is another virtual router's on the interface",
				 "the virtual MAC is that of vrid %u%s on the interface",
				 q->vrid, vrrp_is_v6(q) ? " inet6" : "");
		return -EADDRINUSE;
	}
	/* A deleted router still forwarding for it (drain.c): soon. */
	hash_for_each(port->drains, bkt, q, drain_node) {
		if (ether_addr_equal(q->vmac, r->vmac)) {
			NL_SET_ERR_MSG(extack,
				       "the virtual MAC is still a deleted router's, draining: try again");
			return -EBUSY;
		}
	}
	return 0;
}

/**
 * vrrp_port_mac_find_rcu() - the router of a port whose vMAC, not a
 *	standard one, is a frame's destination
 * @port: the port
 * @family: the family of the frame's protocol
 * @mac: the frame's destination
 *
 * An IPv4 and an IPv6 anycast gateway may share a MAC: the one of
 * @family if both do.
 *
 * Context: RCU read lock held.
 * Return: the router or NULL.
 */
struct vrrp_router *vrrp_port_mac_find_rcu(struct vrrp_port *port,
					   u8 family, const u8 *mac)
{
	struct vrrp_router *r, *found = NULL;

	hash_for_each_possible_rcu(port->macs, r, mac_node,
				   ether_addr_to_u64(mac)) {
		if (!ether_addr_equal(r->vmac, mac))
			continue;
		if (r->family == family)
			return r;
		found = r;
	}
	return found;
}

/**
 * vrrp_vmac_install() - put a new router's vMAC in its device's unicast
 *	filter
 * @r: the router
 * @extack: for the reason of a failure
 *
 * For the router's whole life, Active or not: a takeover then needs
 * nothing that waits for rtnl. A Backup with the entry receives frames
 * to the vMAC but the ingress hook marks them for the host only while
 * Active (or draining, or with "forward any"): until then they stay
 * PACKET_OTHERHOST and IP drops them.
 *
 * Context: rtnl held.
 * Return: 0 or a negative errno.
 */
int vrrp_vmac_install(struct vrrp_router *r, struct netlink_ext_ack *extack)
{
	int err;

	ASSERT_RTNL();
	err = vrrp_vmac_check(r, extack);
	if (err)
		return err;
	/* Counted per user: two routers may share it (see above). */
	err = dev_uc_add(vrrp_dev(r), r->vmac);
	if (err) {
		NL_SET_ERR_MSG(extack,
			       "cannot add the virtual MAC to the unicast filter");
		return err;
	}
	r->uc_installed = true;
	if (!vrrp_vmac_is_standard(r)) {
		hash_add_rcu(r->port->macs, &r->mac_node,
			     ether_addr_to_u64(r->vmac));
		WRITE_ONCE(r->port->nmacs, r->port->nmacs + 1);
	}
	return 0;
}

/**
 * vrrp_vmac_uninstall() - remove the vMAC filter of a router being deleted
 * @r: the router, dead
 *
 * Context: rtnl held.
 */
void vrrp_vmac_uninstall(struct vrrp_router *r)
{
	ASSERT_RTNL();
	if (!r->uc_installed)
		return;
	dev_uc_del(vrrp_dev(r), r->vmac);
	r->uc_installed = false;
	if (!vrrp_vmac_is_standard(r)) {
		hash_del_rcu(&r->mac_node);
		WRITE_ONCE(r->port->nmacs, r->port->nmacs - 1);
	}
}

/*
 * Accept_Mode: the virtual addresses become local addresses of the
 * interface while Active. inet_insert_ifa() and inet6_addr_add() are not
 * exported, so this speaks rtnetlink to the namespace from process context
 * without rtnl held, as "ip addr" would.
 */
static int vrrp_addr_request(struct net *net, int cmd, int ifindex,
			     u8 family, const struct vrrp_vip *vip)
{
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	struct {
		struct nlmsghdr		nlh;
		struct ifaddrmsg	ifa;
		char			attrs[64];
	} req = {};
	struct msghdr msg = {
		.msg_name	= &kernel,
		.msg_namelen	= sizeof(kernel),
	};
	unsigned int alen = family == VRRP_FAMILY_INET6 ? 16 : 4;
	struct nlmsgerr *err;
	struct socket *sock;
	struct nlattr *nla;
	struct kvec iov;
	char buf[256];
	int ret;

	ret = sock_create_kern(net, AF_NETLINK, SOCK_RAW, NETLINK_ROUTE, &sock);
	if (ret)
		return ret;

	req.nlh.nlmsg_type = cmd;
	req.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	if (cmd == RTM_NEWADDR)
		req.nlh.nlmsg_flags |= NLM_F_CREATE | NLM_F_EXCL;
	req.nlh.nlmsg_seq = 1;
	req.ifa.ifa_family = family == VRRP_FAMILY_INET6 ? AF_INET6 : AF_INET;
	req.ifa.ifa_prefixlen = vip->prefixlen;
	req.ifa.ifa_index = ifindex;
	if (family == VRRP_FAMILY_INET6 && ipv6_addr_type(&vip->addr.v6) &
	    IPV6_ADDR_LINKLOCAL)
		req.ifa.ifa_scope = RT_SCOPE_LINK;
	nla = (struct nlattr *)req.attrs;
	nla->nla_type = IFA_LOCAL;
	nla->nla_len = nla_attr_size(alen);
	memcpy(nla_data(nla), &vip->addr, alen);
	nla = (struct nlattr *)((char *)nla + nla_total_size(alen));
	nla->nla_type = IFA_ADDRESS;
	nla->nla_len = nla_attr_size(alen);
	memcpy(nla_data(nla), &vip->addr, alen);
	nla = (struct nlattr *)((char *)nla + nla_total_size(alen));
	nla->nla_type = IFA_FLAGS;
	nla->nla_len = nla_attr_size(sizeof(u32));
	*(u32 *)nla_data(nla) = IFA_F_NODAD;
	req.nlh.nlmsg_len = NLMSG_LENGTH(sizeof(req.ifa)) +
			    2 * nla_total_size(alen) +
			    nla_total_size(sizeof(u32));
	/* Marks it as ours: not an address of the interface for add/set. */
	if (VRRP_IFA_MARKED) {
		nla = (struct nlattr *)((char *)nla + nla_total_size(sizeof(u32)));
		nla->nla_type = IFA_PROTO;
		nla->nla_len = nla_attr_size(sizeof(u8));
		*(u8 *)nla_data(nla) = VRRP_IFA_PROTO;
		req.nlh.nlmsg_len += nla_total_size(sizeof(u8));
	}

	iov.iov_base = &req;
	iov.iov_len = req.nlh.nlmsg_len;
	ret = kernel_sendmsg(sock, &msg, &iov, 1, iov.iov_len);
	if (ret < 0)
		goto out;
	iov.iov_base = buf;
	iov.iov_len = sizeof(buf);
	ret = kernel_recvmsg(sock, &msg, &iov, 1, sizeof(buf), 0);
	if (ret < (int)NLMSG_LENGTH(sizeof(*err))) {
		ret = ret < 0 ? ret : -EPROTO;
		goto out;
	}
	err = nlmsg_data((struct nlmsghdr *)buf);
	ret = err->error;
out:
	sock_release(sock);
	return ret;
}

/* Install or remove the Accept_Mode addresses; process context. */
static void vrrp_sync_accept(struct vrrp_router *r, struct net *net,
			     int ifindex, struct vrrp_addrs *want)
{
	struct vrrp_addrs *have = r->accept_installed;
	unsigned int i;
	int err;

	if (have) {
		for (i = 0; i < have->nvips; i++) {
			if (vrrp_vip_match(want, r->family, &have->vips[i].addr))
				continue;
			vrrp_addr_request(net, RTM_DELADDR, ifindex, r->family,
					  &have->vips[i]);
		}
	}
	if (want) {
		for (i = 0; i < want->nvips; i++) {
			if (vrrp_vip_match(have, r->family, &want->vips[i].addr))
				continue;
			err = vrrp_addr_request(net, RTM_NEWADDR, ifindex,
						r->family, &want->vips[i]);
			/* An address configured by hand (the owner's) is not
			 * ours to remove later.
			 */
			if (err) {
				want->vips[i].prefixlen = 0xff;
				if (err != -EEXIST)
					net_warn_ratelimited("cannot add a virtual address: %d\n",
							     err);
			}
		}
		/* Keep only what we added. */
		for (i = 0; i < want->nvips; ) {
			if (want->vips[i].prefixlen == 0xff)
				want->vips[i] = want->vips[--want->nvips];
			else
				i++;
		}
	}
	kfree(have);
	r->accept_installed = want;
}

static void vrrp_sync_work(struct work_struct *work)
{
	struct vrrp_router *r = container_of(work, struct vrrp_router,
					     sync_work);
	struct vrrp_addrs *want = NULL;
	struct net *net = NULL;
	int ifindex = 0;

	rtnl_lock();
	/* A router stopped for good (the module unloading) but not deleted
	 * yet is still on its port: its addresses go now.
	 */
	if (!r->deleted) {
		vrrp_port_snm_sync(r, rtnl_dereference(r->addrs));
		net = maybe_get_net(dev_net(vrrp_dev(r)));
		ifindex = vrrp_dev(r)->ifindex;
		if (vrrp_is_active(r) &&
		    (r->p.accept || r->p.priority == VRRP_PRIO_OWNER))
			want = vrrp_addrs_dup(rtnl_dereference(r->addrs),
					      GFP_KERNEL);
	} else {
		/* vrrp_router_delete() left us the namespace, if alive. */
		net = r->sync_net;
		r->sync_net = NULL;
		ifindex = r->sync_ifindex;
	}
	rtnl_unlock();

	if (net && (want || r->accept_installed))
		vrrp_sync_accept(r, net, ifindex, want);
	else
		kfree(want);
	if (net)
		put_net(net);
	vrrp_router_put(r);
}

/**
 * vrrp_sync_schedule() - have the Accept_Mode addresses follow the
 *	router's state, soon, in process context
 * @r: the router whose state or addresses changed
 *
 * Frames to the virtual MAC are delivered by the ingress hook as soon as
 * the state changes (the filter entry is there from the router's
 * creation); the addresses follow from a work item, since the timer can
 * take neither rtnl nor sleep.
 *
 * Context: any.
 */
void vrrp_sync_schedule(struct vrrp_router *r)
{
	refcount_inc(&r->refcnt);
	if (!queue_work(vrrp_wq, &r->sync_work))
		vrrp_router_put(r);
}

/**
 * vrrp_vmac_init_router() - prepare the vMAC side of a new router
 * @r: the router, with family, vrid and configuration set
 */
void vrrp_vmac_init_router(struct vrrp_router *r)
{
	r->anycast = r->p.mode == VRRP_MODE_ANYCAST;
	if (!is_zero_ether_addr(r->p.mac)) {
		ether_addr_copy(r->vmac, r->p.mac);
	} else {
		memcpy(r->vmac, vrrp_vmac_prefix, sizeof(vrrp_vmac_prefix));
		r->vmac[4] = vrrp_is_v6(r) ? 0x02 : 0x01;
		r->vmac[5] = r->vrid;
	}
	INIT_WORK(&r->sync_work, vrrp_sync_work);
}
