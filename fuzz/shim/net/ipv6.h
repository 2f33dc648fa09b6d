/* SPDX-License-Identifier: GPL-2.0 */
#include "../kshim.h"

#ifndef FUZZ_SHIM_NET_IPV6_H
#define FUZZ_SHIM_NET_IPV6_H

static inline void ipv6_addr_set(struct in6_addr *a, __be32 w1, __be32 w2,
				 __be32 w3, __be32 w4)
{
	a->in6_u.u6_addr32[0] = w1;
	a->in6_u.u6_addr32[1] = w2;
	a->in6_u.u6_addr32[2] = w3;
	a->in6_u.u6_addr32[3] = w4;
}

#endif
