// SPDX-License-Identifier: GPL-2.0
/*
 * The libnl-genl-3 side of vrrpctl: the socket, resolving the "vrrp"
 * family, running one request to its end and reporting errors with the
 * kernel's extended ACK message.
 *
 * libnl 3.7 neither asks for extended ACKs nor hands their TLVs to the
 * application, so the socket option is set by hand, and the error and
 * dump-done messages are parsed here.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <linux/vrrp.h>
#include <netlink/netlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>

#include "nl.h"
#include "spec-gen.h"
#include "util.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

/*
 * Room for a request read from a command line: many times the largest one
 * the kernel takes (every list at its limit is under 4 KiB), so that a
 * list beyond the kernel's limit still reaches the kernel, which says
 * what the limit is.
 */
#define VRRP_NL_REQ_SIZE	(64 * 1024)

/* Attribute names as in the spec, to name what an extended ACK points at. */
static const char * const vrrp_nl_router_attrs[VRRP_A_ROUTER_MAX + 1] = {
	VRRP_ROUTER_ATTR_NAMES
};

static const char * const vrrp_nl_vip_attrs[VRRP_A_VIP_MAX + 1] = {
	VRRP_VIP_ATTR_NAMES
};

static const char * const vrrp_nl_track_attrs[VRRP_A_TRACK_MAX + 1] = {
	VRRP_TRACK_ATTR_NAMES
};

static const char * const vrrp_nl_ra_prefix_attrs[VRRP_A_RA_PREFIX_MAX + 1] = {
	VRRP_RA_PREFIX_ATTR_NAMES
};

/* The attribute sets nested in a router's attributes, by nest type. */
static const struct vrrp_nl_nest {
	int type;
	const char * const *names;
	int max;
} vrrp_nl_nests[] = {
	{ VRRP_A_ROUTER_VIP, vrrp_nl_vip_attrs, VRRP_A_VIP_MAX },
	{ VRRP_A_ROUTER_PEER, vrrp_nl_vip_attrs, VRRP_A_VIP_MAX },
	{ VRRP_A_ROUTER_TRACK, vrrp_nl_track_attrs, VRRP_A_TRACK_MAX },
	{ VRRP_A_ROUTER_TRACK_STATE, vrrp_nl_track_attrs, VRRP_A_TRACK_MAX },
	{ VRRP_A_ROUTER_RA_PREFIX, vrrp_nl_ra_prefix_attrs,
	  VRRP_A_RA_PREFIX_MAX },
};

static const struct vrrp_nl_nest *vrrp_nl_nest_of(int type)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(vrrp_nl_nests); i++)
		if (vrrp_nl_nests[i].type == type)
			return &vrrp_nl_nests[i];
	return NULL;
}

/* "name" of a router attribute, "nest name" of one inside a nest. */
static void vrrp_nl_name_attr(struct vrrp_nl_err *err, int type,
			      const struct vrrp_nl_nest *nest, int subtype)
{
	const char *name = type >= 0 && type <= VRRP_A_ROUTER_MAX ?
			   vrrp_nl_router_attrs[type] : NULL;

	if (!name)
		return;
	if (!nest)
		snprintf(err->attr, sizeof(err->attr), "%s", name);
	else if (subtype >= 0 && subtype <= nest->max &&
		 nest->names[subtype])
		snprintf(err->attr, sizeof(err->attr), "%s %s", name,
			 nest->names[subtype]);
}

/**
 * struct vrrp_nl_req - one request in flight
 * @nl: the socket
 * @req: the request as sent, to map error offsets to attributes
 * @fn: reply callback, or NULL
 * @arg: argument of @fn
 * @err: where the outcome goes
 * @done: the ACK, error or end of dump has arrived
 */
struct vrrp_nl_req {
	struct vrrp_nl *nl;
	struct nlmsghdr *req;
	vrrp_nl_reply_fn fn;
	void *arg;
	struct vrrp_nl_err *err;
	bool done;
};

/**
 * vrrp_nl_open() - open a generic netlink socket and resolve "vrrp"
 * @nl: the socket to set up
 *
 * Context: in the network namespace to talk to.
 * Return: 0, or -1 after printing why.
 */
int vrrp_nl_open(struct vrrp_nl *nl)
{
	int one = 1;
	int ret;

	nl->family = 0;
	nl->sk = nl_socket_alloc();
	if (!nl->sk) {
		vrrp_err("cannot allocate a netlink socket: %s", strerror(ENOMEM));
		return -1;
	}
	ret = genl_connect(nl->sk);
	if (ret < 0) {
		vrrp_err("cannot open a generic netlink socket: %s",
			 nl_geterror(ret));
		goto err_free;
	}
	/* Best effort: kernels before 4.12 have no extended ACKs. */
	setsockopt(nl_socket_get_fd(nl->sk), SOL_NETLINK, NETLINK_EXT_ACK,
		   &one, sizeof(one));
	nl_socket_enable_msg_peek(nl->sk);

	ret = genl_ctrl_resolve(nl->sk, VRRP_FAMILY_NAME);
	if (ret == -NLE_OBJ_NOTFOUND) {
		vrrp_err("the vrrp module is not loaded (generic netlink family \"%s\" not found)",
			 VRRP_FAMILY_NAME);
		goto err_free;
	}
	if (ret < 0) {
		vrrp_err("cannot resolve generic netlink family \"%s\": %s",
			 VRRP_FAMILY_NAME, nl_geterror(ret));
		goto err_free;
	}
	nl->family = ret;
	return 0;

err_free:
	nl_socket_free(nl->sk);
	nl->sk = NULL;
	return -1;
}

/**
 * vrrp_nl_subscribe() - join the "events" multicast group of the family
 * @nl: a socket from vrrp_nl_open()
 *
 * Notifications carry no sequence number: the check is turned off.
 *
 * Return: 0, or -1 after printing why.
 */
int vrrp_nl_subscribe(struct vrrp_nl *nl)
{
	int grp, ret;

	grp = genl_ctrl_resolve_grp(nl->sk, VRRP_FAMILY_NAME,
				    VRRP_MCGRP_EVENTS);
	if (grp < 0) {
		vrrp_err("cannot resolve multicast group \"%s\": %s",
			 VRRP_MCGRP_EVENTS, nl_geterror(grp));
		return -1;
	}
	ret = nl_socket_add_membership(nl->sk, grp);
	if (ret < 0) {
		vrrp_err("cannot join multicast group \"%s\": %s",
			 VRRP_MCGRP_EVENTS, nl_geterror(ret));
		return -1;
	}
	nl_socket_disable_seq_check(nl->sk);
	return 0;
}

/**
 * vrrp_nl_close() - close a socket from vrrp_nl_open()
 * @nl: the socket; closing twice is harmless
 */
void vrrp_nl_close(struct vrrp_nl *nl)
{
	nl_socket_free(nl->sk);
	nl->sk = NULL;
}

/**
 * vrrp_nl_msg_new() - start a request to the vrrp family
 * @nl: an open socket, or NULL for a request read from the command line
 *	before the socket is open (vrrp_nl_run() fills in the family)
 * @cmd: VRRP_CMD_*
 * @flags: extra netlink flags, as NLM_F_DUMP
 *
 * Return: the message, or NULL when out of memory.
 */
struct nl_msg *vrrp_nl_msg_new(struct vrrp_nl *nl, __u8 cmd, int flags)
{
	struct nl_msg *msg = nlmsg_alloc_size(VRRP_NL_REQ_SIZE);

	if (!msg)
		return NULL;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, nl ? nl->family : 0,
			 0, flags, cmd, VRRP_FAMILY_VERSION)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

/* Where @p lies in the request @req, in bytes (ptrdiff_t is an int on
 * 32-bit, which does not compare with an offset).
 */
static __u32 vrrp_nl_off(const struct nlmsghdr *req, const void *p)
{
	return (const char *)p - (const char *)req;
}

/* The type of the router attribute at byte @off of the request, or -1. */
static int vrrp_nl_type_at(const struct nlmsghdr *req, __u32 off)
{
	struct nlattr *nla;
	int rem;

	nla_for_each_attr(nla, genlmsg_attrdata(nlmsg_data(req), 0),
			  genlmsg_attrlen(nlmsg_data(req), 0), rem)
		if (vrrp_nl_off(req, nla) == off)
			return nla_type(nla);
	return -1;
}

/* Name the attribute at byte @off of the request, looking into nests. */
static void vrrp_nl_attr_at(const struct nlmsghdr *req, __u32 off,
			    struct vrrp_nl_err *err)
{
	const struct vrrp_nl_nest *nest;
	struct nlattr *nla, *sub;
	int rem, subrem;

	nla_for_each_attr(nla, genlmsg_attrdata(nlmsg_data(req), 0),
			  genlmsg_attrlen(nlmsg_data(req), 0), rem) {
		if (vrrp_nl_off(req, nla) == off) {
			vrrp_nl_name_attr(err, nla_type(nla), NULL, 0);
			return;
		}
		nest = vrrp_nl_nest_of(nla_type(nla));
		if (!nest)
			continue;
		nla_for_each_nested(sub, nla, subrem) {
			if (vrrp_nl_off(req, sub) != off)
				continue;
			vrrp_nl_name_attr(err, nla_type(nla), nest,
					  nla_type(sub));
			return;
		}
	}
}

static bool vrrp_nl_u32_ok(const struct nlattr *a)
{
	return a && nla_len(a) >= (int)sizeof(__u32);
}

static bool vrrp_nl_u64_ok(const struct nlattr *a)
{
	return a && nla_len(a) >= (int)sizeof(__u64);
}

/*
 * The bounds of the policy that rejected an attribute, as the kernel
 * reports them (netlink_policy_dump_write_attr()): a value range for a
 * number, a length for a string.
 */
static void vrrp_nl_parse_policy(struct nlattr *pol, struct vrrp_nl_err *err)
{
	struct nlattr *tb[NL_POLICY_TYPE_ATTR_MAX + 1];

	if (nla_parse_nested(tb, NL_POLICY_TYPE_ATTR_MAX, pol, NULL) < 0)
		return;
	if (vrrp_nl_u64_ok(tb[NL_POLICY_TYPE_ATTR_MIN_VALUE_U]) &&
	    vrrp_nl_u64_ok(tb[NL_POLICY_TYPE_ATTR_MAX_VALUE_U]))
		snprintf(err->valid, sizeof(err->valid), "%llu-%llu",
			 (unsigned long long)
			 nla_get_u64(tb[NL_POLICY_TYPE_ATTR_MIN_VALUE_U]),
			 (unsigned long long)
			 nla_get_u64(tb[NL_POLICY_TYPE_ATTR_MAX_VALUE_U]));
	else if (vrrp_nl_u32_ok(tb[NL_POLICY_TYPE_ATTR_MAX_LENGTH]) &&
		 vrrp_nl_u32_ok(tb[NL_POLICY_TYPE_ATTR_MIN_LENGTH]) &&
		 nla_get_u32(tb[NL_POLICY_TYPE_ATTR_MIN_LENGTH]) ==
		 nla_get_u32(tb[NL_POLICY_TYPE_ATTR_MAX_LENGTH]))
		snprintf(err->valid, sizeof(err->valid), "exactly %u bytes",
			 nla_get_u32(tb[NL_POLICY_TYPE_ATTR_MAX_LENGTH]));
	else if (vrrp_nl_u32_ok(tb[NL_POLICY_TYPE_ATTR_MAX_LENGTH]))
		snprintf(err->valid, sizeof(err->valid), "at most %u bytes",
			 nla_get_u32(tb[NL_POLICY_TYPE_ATTR_MAX_LENGTH]));
}

/*
 * Pick the message and the attribute pointers from the TLVs at byte @off
 * of @nlh, an NLMSG_ERROR or NLMSG_DONE message (netlink_ack() and
 * netlink_dump_done() in net/netlink/af_netlink.c).
 */
static void vrrp_nl_parse_ext_ack(struct vrrp_nl_req *r,
				  const struct nlmsghdr *nlh, size_t off)
{
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	struct vrrp_nl_err *err = r->err;
	int type, outer;

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS) || nlh->nlmsg_len <= off)
		return;
	if (nla_parse(tb, NLMSGERR_ATTR_MAX,
		      (struct nlattr *)((char *)nlh + off),
		      nlh->nlmsg_len - off, NULL) < 0)
		return;

	if (tb[NLMSGERR_ATTR_MSG])
		nla_strlcpy(err->msg, tb[NLMSGERR_ATTR_MSG], sizeof(err->msg));
	if (tb[NLMSGERR_ATTR_MISS_TYPE] &&
	    nla_len(tb[NLMSGERR_ATTR_MISS_TYPE]) >= (int)sizeof(__u32)) {
		type = nla_get_u32(tb[NLMSGERR_ATTR_MISS_TYPE]);
		if (tb[NLMSGERR_ATTR_MISS_NEST] &&
		    nla_len(tb[NLMSGERR_ATTR_MISS_NEST]) >= (int)sizeof(__u32)) {
			outer = vrrp_nl_type_at(r->req,
						nla_get_u32(tb[NLMSGERR_ATTR_MISS_NEST]));
			vrrp_nl_name_attr(err, outer, vrrp_nl_nest_of(outer),
					  type);
		} else {
			vrrp_nl_name_attr(err, type, NULL, 0);
		}
		err->missing = err->attr[0];
	} else if (tb[NLMSGERR_ATTR_OFFS] &&
		   nla_len(tb[NLMSGERR_ATTR_OFFS]) >= (int)sizeof(__u32)) {
		vrrp_nl_attr_at(r->req, nla_get_u32(tb[NLMSGERR_ATTR_OFFS]),
				err);
	}
	if (tb[NLMSGERR_ATTR_POLICY])
		vrrp_nl_parse_policy(tb[NLMSGERR_ATTR_POLICY], err);
}

static int vrrp_nl_on_valid(struct nl_msg *msg, void *arg)
{
	struct vrrp_nl_req *r = arg;
	int ret;

	if (nlmsg_hdr(msg)->nlmsg_type != r->nl->family || !r->fn)
		return NL_SKIP;
	ret = r->fn(msg, r->arg);
	if (ret < 0) {
		r->err->error = ret;
		r->done = true;
		return NL_STOP;
	}
	return NL_OK;
}

static int vrrp_nl_on_ack(struct nl_msg *msg, void *arg)
{
	struct vrrp_nl_req *r = arg;

	(void)msg;
	r->done = true;
	return NL_STOP;
}

/* NLMSG_DONE ends a dump; a failed dump puts its errno and TLVs in it. */
static int vrrp_nl_on_finish(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct vrrp_nl_req *r = arg;
	int error = 0;

	if (nlmsg_datalen(nlh) >= (int)sizeof(error))
		memcpy(&error, nlmsg_data(nlh), sizeof(error));
	if (error < 0) {
		r->err->error = error;
		vrrp_nl_parse_ext_ack(r, nlh,
				      NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(error)));
	}
	r->done = true;
	return NL_STOP;
}

/*
 * libnl passes only the struct nlmsgerr, which is the payload of the
 * NLMSG_ERROR message in libnl's receive buffer: step back to its header
 * to reach the TLVs after the echoed request.
 */
static int vrrp_nl_on_error(struct sockaddr_nl *nla, struct nlmsgerr *e,
			    void *arg)
{
	const struct nlmsghdr *nlh = (const struct nlmsghdr *)
		((const char *)e - NLMSG_HDRLEN);
	struct vrrp_nl_req *r = arg;
	size_t payload = sizeof(*e);

	(void)nla;
	r->err->error = e->error < 0 ? e->error : -EPROTO;
	r->done = true;
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED)) {
		if (e->msg.nlmsg_len < NLMSG_HDRLEN)
			return NL_STOP;
		payload += e->msg.nlmsg_len - NLMSG_HDRLEN;
	}
	vrrp_nl_parse_ext_ack(r, nlh, NLMSG_HDRLEN + NLMSG_ALIGN(payload));
	return NL_STOP;
}

/**
 * vrrp_nl_run() - send a request and read until its ACK, error or end
 * @nl: an open socket
 * @msg: the request, from vrrp_nl_msg_new(); the caller frees it
 * @fn: called for each reply, or NULL
 * @arg: argument of @fn
 * @err: filled with the reason on failure, cleared on success
 *
 * Return: 0, or -1 with @err filled in.
 */
int vrrp_nl_run(struct vrrp_nl *nl, struct nl_msg *msg, vrrp_nl_reply_fn fn,
		void *arg, struct vrrp_nl_err *err)
{
	struct vrrp_nl_req r = {
		.nl = nl,
		.req = nlmsg_hdr(msg),
		.fn = fn,
		.arg = arg,
		.err = err,
	};
	struct nl_cb *cb;
	int ret;

	memset(err, 0, sizeof(*err));
	/* Started without a socket: 0 is no generic netlink family. */
	if (!r.req->nlmsg_type)
		r.req->nlmsg_type = nl->family;
	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!cb) {
		err->nlerr = -NLE_NOMEM;
		return -1;
	}
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, vrrp_nl_on_valid, &r);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, vrrp_nl_on_ack, &r);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, vrrp_nl_on_finish, &r);
	nl_cb_err(cb, NL_CB_CUSTOM, vrrp_nl_on_error, &r);

	ret = nl_send_auto(nl->sk, msg);
	if (ret < 0) {
		err->nlerr = ret;
		goto out;
	}
	while (!r.done) {
		ret = nl_recvmsgs(nl->sk, cb);
		if (err->error)
			break;
		if (ret < 0) {
			err->nlerr = ret;
			break;
		}
	}
out:
	nl_cb_put(cb);
	return err->error || err->nlerr ? -1 : 0;
}

/**
 * vrrp_nl_err_is_dump_intr() - did a dump see the table change under it?
 * @err: the outcome of vrrp_nl_run()
 *
 * Return: true if the dump is worth running again.
 */
bool vrrp_nl_err_is_dump_intr(const struct vrrp_nl_err *err)
{
	return err->nlerr == -NLE_DUMP_INTR;
}

/**
 * vrrp_nl_perror() - print "vrrpctl: WHAT: REASON[: EXTACK][ (ATTRIBUTE)]"
 * @what: the request, as "add eth0 vrid 10"
 * @err: the outcome of vrrp_nl_run()
 */
void vrrp_nl_perror(const char *what, const struct vrrp_nl_err *err)
{
	const char *reason;

	if (err->error)
		reason = strerror(-err->error);
	else
		reason = nl_geterror(err->nlerr);

	vrrp_err_start();
	fprintf(stderr, "%s: %s", what, reason);
	if (err->msg[0])
		fprintf(stderr, ": %s", err->msg);
	if (err->attr[0])
		fprintf(stderr, " (%sattribute \"%s\"%s%s)",
			err->missing ? "missing " : "", err->attr,
			err->valid[0] ? ": " : "", err->valid);
	fputc('\n', stderr);
}
