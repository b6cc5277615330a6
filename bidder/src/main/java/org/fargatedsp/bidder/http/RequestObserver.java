package org.fargatedsp.bidder.http;

import org.fargatedsp.bidder.notice.NoticeObserver;

/** Told of every bid request, notice and response: the counters, the metrics and the bid log are each one. */
public interface RequestObserver extends BidObserver, NoticeObserver {
}
