//! Which route answered a request, as its template (`/http-status/{code}`, never `/http-status/418`): what the
//! request log and the metrics name a request by, since a path can hold what a user typed (a JWT pasted into a
//! URL, a search term) and neither may record user input.
//!
//! Axum knows the matched route only inside the router, while the log and the metrics wrap the router from
//! outside (they must see the final status); a route layer leaves the template in a slot the outer layer put in
//! the request.

use axum::Router;
use axum::extract::{MatchedPath, Request};
use axum::middleware::{self, Next};
use axum::response::Response;
use std::sync::{Arc, OnceLock};

/// The name of a request no route matched (an unknown address: its path is user input).
pub const UNMATCHED: &str = "unmatched";

/// Where the route layer leaves the matched route's template for the outer layers. One slot per request, shared
/// by every outer layer that asks ([`RouteSlot::for_request`]).
#[derive(Debug, Clone, Default)]
pub struct RouteSlot(Arc<OnceLock<MatchedPath>>);

impl RouteSlot {
    /// The request's slot: the one an outer layer already put in, or a new one put in now.
    pub fn for_request(request: &mut Request) -> RouteSlot {
        request.extensions_mut().get_or_insert_default::<RouteSlot>().clone()
    }

    /// The matched route's template, or [`UNMATCHED`]; read it once the response is back.
    pub fn route(&self) -> &str {
        self.0.get().map_or(UNMATCHED, MatchedPath::as_str)
    }
}

/// Puts the layer that fills the slot on the router's routes (a route layer sees the matched route; an outer
/// layer does not).
pub fn note_routes<S: Clone + Send + Sync + 'static>(router: Router<S>) -> Router<S> {
    router.route_layer(middleware::from_fn(note_route))
}

async fn note_route(request: Request, next: Next) -> Response {
    if let (Some(slot), Some(matched)) =
        (request.extensions().get::<RouteSlot>(), request.extensions().get::<MatchedPath>())
    {
        let _ = slot.0.set(matched.clone());
    }
    next.run(request).await
}
