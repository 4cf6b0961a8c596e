// The monitor's map: a pydeck spec drawn by deck.gl, in a Streamlit component (protocol v1).
//
// Why not st.pydeck_chart: deck.gl counts a press as a click only when pointerup is handled at
// most 250 ms after pointerdown (mjolnir's tap recogniser), and it picks on pointerdown. In
// software WebGL on a busy machine that pick holds the page longer than 250 ms, so the click is
// lost and nothing is sent (issue 25). Here a press is a click when the pointer did not move,
// however long the page was busy; the click picks once and sends what it found.
"use strict";

(function () {
  const root = document.getElementById("kaart");
  const buttons = document.getElementById("knoppen");
  const credit = document.getElementById("bron");
  const notice = document.getElementById("melding");
  const MOVE_PX = 6; // a press that moved further is a drag (panning), not a click
  // Arcs are a few pixels wide: hover and click pick what lies this close to the pointer.
  const PICK_RADIUS = 6;

  const classes = {};
  for (const [name, value] of Object.entries(window.deck)) {
    if (typeof value === "function" && /(Layer|View)$/.test(name)) classes[name] = value;
  }
  const converter = new deck.JSONConverter({ configuration: { classes } });

  let map = null;
  let args = {};
  let spec = null;
  let home = null; // the spec's view, fitted to the frame: where "terug" goes
  let viewState = null;
  let moved = false; // the user panned or zoomed: a resize then keeps their view
  let drawn = false;
  let clicks = 0;
  let press = null;

  function send(type, extra) {
    window.parent.postMessage(Object.assign({ isStreamlitMessage: true, type }, extra), "*");
  }

  function markDrawn(value) {
    drawn = value;
    const state = value ? "ja" : "nee";
    document.body.dataset.getekend = state;
    if (window.frameElement) window.frameElement.dataset.getekend = state;
  }

  function tooltip(info) {
    const object = info && info.object;
    const template = args.tooltip && args.tooltip.html;
    if (!object || !template) return null;
    const fields = object.properties || object;
    // The fields are HTML already (components/drawing/maps.py escapes names in them).
    const html = template.replace(/\{([^{}]+)\}/g, (_, name) => {
      const value = fields[name];
      return value === undefined || value === null ? "" : String(value);
    });
    const style = Object.assign(
      {
        backgroundColor: "#ffffff", color: "#0b0c0c", border: "1px solid #1f2933",
        borderRadius: "4px", padding: "8px 10px", fontFamily: '"Source Sans Pro", Arial, sans-serif',
        boxShadow: "0 2px 6px rgba(0, 0, 0, 0.25)", lineHeight: "1.35",
      },
      args.tooltip.style || {},
    );
    return { html, style };
  }

  function basemap() {
    if (!args.tegels) return [];
    return [
      new deck.TileLayer({
        id: "achtergrondkaart", data: args.tegels, minZoom: 0, maxZoom: 19, tileSize: 256,
        renderSubLayers: (props) => {
          const [[west, south], [east, north]] = props.tile.boundingBox;
          return new deck.BitmapLayer(props, {
            data: null, image: props.data, bounds: [west, south, east, north],
          });
        },
      }),
    ];
  }

  function layersOf(converted) {
    return [...basemap(), ...(converted.layers || [])];
  }

  function setView(next) {
    viewState = next;
    if (map) map.setProps({ viewState });
    // Where the map looks, on the frame (latitude,longitude,zoom): tests project places with it.
    const seen = [next.latitude, next.longitude, next.zoom].join(",");
    if (window.frameElement) window.frameElement.dataset.zicht = seen;
  }

  // The spec's view, or, when the page gave bounds (args.passend: [west, south, east, north]),
  // the view that shows them whole at the frame's own size: a phone sees the whole country too.
  function fitted(view) {
    const bounds = args.passend;
    const width = root.clientWidth, height = root.clientHeight;
    if (!bounds || !width || !height) return Object.assign({}, view);
    const [west, south, east, north] = bounds;
    const viewport = new deck.WebMercatorViewport({ width, height });
    const { longitude, latitude, zoom } = viewport.fitBounds(
      [[west, south], [east, north]], { padding: Math.min(16, width / 20, height / 20) },
    );
    return Object.assign({}, view, { longitude, latitude, zoom });
  }

  function goHome() {
    moved = false;
    setView(Object.assign({}, home));
  }

  function zoomBy(step) {
    if (!viewState) return;
    moved = true;
    setView(Object.assign({}, viewState, {
      zoom: Math.max(1, Math.min(16, viewState.zoom + step)),
      transitionDuration: 250,
      transitionInterpolator: new deck.LinearInterpolator(["zoom"]),
    }));
  }

  function drawButtons(labels) {
    if (!labels || buttons.childElementCount) return;
    for (const [text, label, action] of [
      ["+", labels.in, () => zoomBy(1)],
      ["\u2212", labels.uit, () => zoomBy(-1)],
      ["\u2302", labels.terug, goHome],
    ]) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = text;
      button.setAttribute("aria-label", label);
      button.title = label;
      button.addEventListener("click", action);
      buttons.appendChild(button);
    }
  }

  function choose(info) {
    const object = info && info.object;
    if (!object || !args.kiesbaar) return;
    const fields = object.properties || object;
    let value = null;
    if (fields.area_code) value = { soort: "gemeente", code: fields.area_code };
    else if (fields.samenwerking_code) value = { soort: "samenwerking", code: fields.samenwerking_code };
    if (!value) return;
    clicks += 1;
    value.klik = clicks; // a second click on the same place is a new event
    send("streamlit:setComponentValue", { value, dataType: "json" });
  }

  root.addEventListener("pointerdown", (event) => {
    press = event.button === 0 ? { id: event.pointerId, x: event.clientX, y: event.clientY } : null;
  }, true);
  root.addEventListener("pointerup", (event) => {
    const down = press;
    press = null;
    if (!down || !map || event.pointerId !== down.id) return;
    if (Math.hypot(event.clientX - down.x, event.clientY - down.y) > MOVE_PX) return;
    const box = root.getBoundingClientRect();
    choose(map.pickObject({
      x: event.clientX - box.left, y: event.clientY - box.top, radius: PICK_RADIUS,
    }));
  }, true);
  root.addEventListener("pointercancel", () => { press = null; }, true);

  function showProblem(text) {
    notice.textContent = text || "";
    notice.style.display = "flex";
  }

  function create(converted) {
    home = fitted(converted.initialViewState);
    viewState = Object.assign({}, home);
    try {
      map = new deck.Deck({
        parent: root,
        viewState,
        controller: true,
        pickingRadius: PICK_RADIUS,
        layers: layersOf(converted),
        getTooltip: tooltip,
        getCursor: ({ isDragging, isHovering }) =>
          isDragging ? "grabbing" : isHovering && args.kiesbaar ? "pointer" : "grab",
        onViewStateChange: ({ viewState: next, interactionState }) => {
          if (interactionState && (interactionState.isDragging || interactionState.isZooming
              || interactionState.isPanning)) moved = true;
          setView(next);
        },
        onAfterRender: () => {
          if (!drawn && map && map.props.layers.every((layer) => layer.isLoaded)) markDrawn(true);
        },
        onError: (error) => { console.error(error); showProblem(args.fout); },
      });
      setView(viewState);
    } catch (error) {
      console.error(error);
      showProblem(args.fout);
    }
  }

  function render(next) {
    args = next;
    send("streamlit:setFrameHeight", { height: args.height });
    if (window.frameElement && args.titel) window.frameElement.title = args.titel;
    root.setAttribute("aria-label", args.beschrijving || args.titel || "");
    credit.textContent = args.bron || "";
    credit.style.display = args.bron ? "block" : "none";
    drawButtons(args.knoppen);
    if (args.spec === spec) return;
    const first = spec === null;
    const previousHome = home;
    spec = args.spec;
    const converted = converter.convert(JSON.parse(spec));
    markDrawn(false);
    if (first || !map) {
      create(converted);
      return;
    }
    home = fitted(converted.initialViewState);
    // Another choice on the same view keeps where the user looks; a new view goes there.
    if (JSON.stringify(home) !== JSON.stringify(previousHome)) {
      moved = false;
      viewState = Object.assign({}, home);
    }
    map.setProps({ layers: layersOf(converted) });
    setView(viewState);
  }

  // A frame that changes size (a window resized, a phone turned) fits the bounds again, unless
  // the user moved the map: then their view stays.
  new ResizeObserver(() => {
    if (!map || !args.passend || moved) return;
    home = fitted(home);
    setView(Object.assign({}, home));
  }).observe(root);

  window.addEventListener("message", (event) => {
    if (event.data && event.data.type === "streamlit:render") render(event.data.args || {});
  });
  send("streamlit:componentReady", { apiVersion: 1 });
})();
