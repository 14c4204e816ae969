package alifc

// callHeader carries a request's key from the driver through the SDK to
// the context transport (package ctxtransport), which removes it before
// the request leaves. It is not an x-acs-* header, so the acs signature
// does not cover it.
const callHeader = "X-Fnasync-Call"
