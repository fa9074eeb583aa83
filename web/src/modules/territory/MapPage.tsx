import { type FormEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, isAbortError, toApiError, withQuery } from '../../app/api';
import { useApiGet } from '../../app/useApiGet';
import { useFormSubmit } from '../../app/useFormSubmit';
import { Alert } from '../../platform/Alert';
import { FormErrorSummary, SelectField, type SelectOption, TextField } from '../../platform/fields';
import { Loading } from '../../platform/Loading';
import { Page } from '../../platform/Page';
import { PRECISION_LABELS, PRECISION_NOTES, STATUS_LABELS } from './labels';
import { MapLegend, type MapMarker, TerritoryMap, textOf } from './TerritoryMap';
import type {
  AreaFeature,
  AreaFeatureCollection,
  AreaKind,
  GeocodePrecision,
  GeocodeResult,
  MapConfig,
  PointLocation,
} from './types';

const MAP_CONFIG_PATH = '/api/v1/territory/map';
const GEOCODE_PATH = '/api/territorio/geocodificar';
const LOCATE_PATH = '/api/territorio/ubicar';
const AREA_KINDS: AreaKind[] = ['municipio', 'comuna', 'corregimiento', 'barrio', 'vereda'];

/** How close the map zooms on a result: the coarser the point, the wider the view. */
const ZOOM_BY_PRECISION: Record<GeocodePrecision, number> = {
  punto: 18,
  interpolada: 18,
  interseccion: 18,
  en_linea: 16,
  barrio: 15,
  municipio: 12,
  ninguna: 12,
};

/**
 * Every kind of area the tenant has, in one list. A kind the server does not know (or that fails) is left
 * out rather than hiding the others.
 */
function useAreas() {
  const [state, setState] = useState<{ areas: AreaFeature[]; failed: boolean; loading: boolean }>({
    areas: [],
    failed: false,
    loading: true,
  });
  useEffect(() => {
    const controller = new AbortController();
    Promise.allSettled(
      AREA_KINDS.map((kind) =>
        api.get<AreaFeatureCollection>(
          withQuery('/api/v1/territory/areas.geojson', { kind }),
          controller.signal,
        ),
      ),
    ).then((results) => {
      if (controller.signal.aborted) return;
      const areas = results.flatMap((result) => (result.status === 'fulfilled' ? result.value.features : []));
      const failed = results.every((result) => result.status === 'rejected');
      setState({ areas, failed, loading: false });
    });
    return () => controller.abort();
  }, []);
  return state;
}

type Selection =
  | { kind: 'busqueda'; result: GeocodeResult }
  | { kind: 'punto'; location: PointLocation }
  | { kind: 'consultando' }
  | { kind: 'error'; detail: string };

function Row({ term, value }: { term: string; value: string | null | undefined }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{value || 'Sin dato'}</dd>
    </div>
  );
}

const coordinates = (lat: number, lon: number) =>
  `${lat.toFixed(6).replace('.', ',')}, ${lon.toFixed(6).replace('.', ',')}`;

function GeocodePanel({ result }: { result: GeocodeResult }) {
  const note = PRECISION_NOTES[result.precision];
  const located = result.lat !== null && result.lon !== null;
  return (
    <section className="panel" aria-labelledby="resultado-busqueda">
      <h2 id="resultado-busqueda">Resultado de la búsqueda</h2>
      <p>
        Buscó: <strong>{result.input}</strong>
      </p>
      <dl className="data-list data-list--compact">
        <Row term="Dirección" value={result.canonical} />
        {result.complemento && <Row term="Complemento" value={result.complemento} />}
        <Row term="Barrio" value={result.barrio} />
        <Row term="Comuna" value={result.comuna} />
        <Row term="Municipio" value={result.municipio} />
        <Row term="Precisión" value={PRECISION_LABELS[result.precision] ?? result.precision} />
        <Row term="Tipo de dirección" value={STATUS_LABELS[result.status] ?? result.status} />
        {located && (
          <Row term="Coordenadas (latitud, longitud)" value={coordinates(result.lat!, result.lon!)} />
        )}
      </dl>
      {note && (
        <Alert tone={located ? 'warning' : 'error'} title={located ? 'Ubicación aproximada' : undefined}>
          {note}
        </Alert>
      )}
    </section>
  );
}

function PointPanel({ location }: { location: PointLocation }) {
  const outside = !location.barrio && !location.comuna && !location.corregimiento && !location.municipio;
  return (
    <section className="panel" aria-labelledby="punto-mapa">
      <h2 id="punto-mapa">Punto señalado en el mapa</h2>
      <dl className="data-list data-list--compact">
        <Row term="Barrio" value={location.barrio} />
        {location.corregimiento ? (
          <Row term="Corregimiento" value={location.corregimiento} />
        ) : (
          <Row term="Comuna" value={location.comuna} />
        )}
        <Row term="Municipio" value={location.municipio} />
        <Row term="Coordenadas (latitud, longitud)" value={coordinates(location.lat, location.lon)} />
      </dl>
      {outside && <p>El punto está fuera de los barrios, comunas y corregimientos cargados en el mapa.</p>}
    </section>
  );
}

function markerOf(selection: Selection | null): MapMarker | null {
  if (selection?.kind === 'busqueda') {
    const { result } = selection;
    if (result.lat === null || result.lon === null) return null;
    return {
      lat: result.lat,
      lon: result.lon,
      label: result.canonical ?? result.barrio ?? result.input,
      zoom: ZOOM_BY_PRECISION[result.precision] ?? 15,
    };
  }
  if (selection?.kind === 'punto') {
    const { location } = selection;
    return {
      lat: location.lat,
      lon: location.lon,
      label: location.barrio ?? location.comuna ?? location.corregimiento ?? 'Punto señalado',
      // The person is looking at that spot already: moving the map under the pointer would disorient.
      zoom: null,
    };
  }
  return null;
}

/** Municipios to search in: the city's own first, then those with limits or layers loaded. */
function municipioOptions(config: MapConfig): SelectOption[] {
  return config.municipios.map(({ codigo, nombre }) => ({ value: codigo, label: `${nombre} (${codigo})` }));
}

function SearchForm({
  municipios,
  defaultMunicipio,
  onResult,
}: {
  municipios: SelectOption[];
  defaultMunicipio: string;
  onResult: (result: GeocodeResult | null) => void;
}) {
  const [direccion, setDireccion] = useState('');
  const [municipio, setMunicipio] = useState(defaultMunicipio);
  const { formRef, pending, errors, submit, rejectIfInvalid } = useFormSubmit();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const text = direccion.trim();
    if (rejectIfInvalid(text ? {} : { direccion: 'Escriba una dirección o el nombre de un barrio.' })) return;
    // The previous answer goes away at once: it must never read as the answer to this search.
    onResult(null);
    void submit(async () => {
      onResult(await api.get<GeocodeResult>(withQuery(GEOCODE_PATH, { direccion: text, municipio })));
    });
  };

  return (
    <form ref={formRef} aria-label="Buscar en el mapa" noValidate onSubmit={onSubmit}>
      <FormErrorSummary message={errors.summary} />
      <div className="territorio-search">
        <TextField
          label="Dirección o barrio"
          name="direccion"
          autoComplete="street-address"
          hint="Por ejemplo: Calle 35 # 10-43, o solo el nombre del barrio."
          value={direccion}
          onChange={(event) => setDireccion(event.target.value)}
          error={errors.fields.direccion}
        />
        {municipios.length > 1 && (
          <SelectField
            label="Municipio"
            name="municipio"
            options={municipios}
            value={municipio}
            onChange={(event) => setMunicipio(event.target.value)}
            error={errors.fields.municipio}
          />
        )}
        <div className="form__actions">
          <button type="submit" className="button" disabled={pending}>
            {pending ? 'Buscando…' : 'Buscar'}
          </button>
        </div>
      </div>
    </form>
  );
}

/** The results, read aloud when they change: everything the map shows is also said here in text. */
function ResultArea({ selection }: { selection: Selection | null }) {
  return (
    <div aria-live="polite">
      {selection?.kind === 'busqueda' && <GeocodePanel result={selection.result} />}
      {selection?.kind === 'punto' && <PointPanel location={selection.location} />}
      {selection?.kind === 'consultando' && <Loading label="Consultando el punto señalado…" />}
      {selection?.kind === 'error' && <Alert tone="error">{selection.detail}</Alert>}
    </div>
  );
}

export function MapPage() {
  const config = useApiGet<MapConfig>(MAP_CONFIG_PATH);
  const areas = useAreas();
  const [selection, setSelection] = useState<Selection | null>(null);
  const pickController = useRef<AbortController | null>(null);

  const onPick = useCallback((lat: number, lon: number) => {
    pickController.current?.abort();
    const controller = new AbortController();
    pickController.current = controller;
    setSelection({ kind: 'consultando' });
    api
      .get<PointLocation>(
        withQuery(LOCATE_PATH, { lat: lat.toFixed(6), lon: lon.toFixed(6) }),
        controller.signal,
      )
      .then(
        (location) => setSelection({ kind: 'punto', location }),
        (error: unknown) => {
          if (!isAbortError(error)) setSelection({ kind: 'error', detail: toApiError(error).detail });
        },
      );
  }, []);
  useEffect(() => () => pickController.current?.abort(), []);

  const onResult = useCallback((result: GeocodeResult | null) => {
    pickController.current?.abort();
    setSelection(result ? { kind: 'busqueda', result } : null);
  }, []);

  const marker = useMemo(() => markerOf(selection), [selection]);
  const kinds = useMemo(
    () => AREA_KINDS.filter((kind) => areas.areas.some((feature) => feature.properties.kind === kind)),
    [areas.areas],
  );
  const municipios = useMemo(() => (config.data ? municipioOptions(config.data) : []), [config.data]);

  const name = config.data?.municipio.nombre;
  return (
    <Page
      title="Mapa del municipio"
      lead="Busque una dirección o un barrio para saber en qué barrio y comuna queda, o señale un punto en el mapa."
    >
      {config.loading && !config.data && <Loading label="Cargando el mapa…" />}
      {config.error && !config.data && <Alert tone="error">{config.error.detail}</Alert>}
      {config.data && (
        <>
          <SearchForm
            key={config.data.municipio.codigo}
            municipios={municipios}
            defaultMunicipio={config.data.municipio.codigo}
            onResult={onResult}
          />
          <div className="territorio-layout">
            <div>
              <TerritoryMap
                label={`Mapa de ${name}: barrios, comunas y límite del municipio`}
                config={config.data}
                areas={areas.areas}
                marker={marker}
                onPick={onPick}
              />
              <p className="form__note">
                Toque o haga clic en el mapa para ver el barrio y la comuna de ese punto. Con el teclado: las
                flechas mueven el mapa y las teclas + y − lo acercan o alejan.
              </p>
              {areas.loading && <Loading label="Cargando los barrios y comunas…" />}
              {areas.failed && (
                <Alert tone="warning">
                  No fue posible cargar los barrios y comunas. La búsqueda de direcciones sigue disponible.
                </Alert>
              )}
              {kinds.length > 0 && <MapLegend kinds={kinds} />}
              <p className="form__note">Fuente de los datos del mapa: {textOf(config.data.attribution)}</p>
            </div>
            <ResultArea selection={selection} />
          </div>
        </>
      )}
    </Page>
  );
}
