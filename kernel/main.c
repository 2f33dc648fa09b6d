// SPDX-License-Identifier: GPL-2.0
/*
 * vrrp.ko: the Virtual Router Redundancy Protocol (RFC 9568) in the kernel.
 */
#include <linux/module.h>
#include <linux/workqueue.h>
#include <net/genetlink.h>

#include "vrrp.h"

#define CREATE_TRACE_POINTS
#include "trace.h"

struct workqueue_struct *vrrp_wq;

static int __init vrrp_init(void)
{
	int err;

	vrrp_wq = alloc_workqueue("vrrp", WQ_UNBOUND, 0);
	if (!vrrp_wq)
		return -ENOMEM;

	err = vrrp_router_init();
	if (err)
		goto err_router;
	err = vrrp_notify_init();
	if (err)
		goto err_notify;
	err = vrrp_rx_init();
	if (err)
		goto err_rx;
	err = vrrp_netlink_init();
	if (err)
		goto err_netlink;
	return 0;

err_netlink:
	vrrp_rx_exit();
err_rx:
	vrrp_notify_exit();
err_notify:
	vrrp_router_exit();
err_router:
	destroy_workqueue(vrrp_wq);
	return err;
}

/*
 * The exact reverse of vrrp_init(). The receive handler goes before the
 * routers: it counts into the per-namespace data that unregistering the
 * pernet operations frees, and vrrp_rx_exit() waits for the handlers
 * running on other CPUs to leave.
 */
static void __exit vrrp_exit(void)
{
	vrrp_netlink_exit();	/* no new configuration */
	vrrp_drain_unload();	/* priority 0, make before break */
	vrrp_rx_exit();		/* no more advertisements in */
	vrrp_notify_exit();	/* every router goes */
	vrrp_router_exit();	/* the per-namespace data goes */
	destroy_workqueue(vrrp_wq);	/* vMAC work holding the last refs */
	rcu_barrier();
}

module_init(vrrp_init);
module_exit(vrrp_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Virtual Router Redundancy Protocol (VRRPv3, RFC 9568)");
MODULE_ALIAS_GENL_FAMILY(VRRP_FAMILY_NAME);
