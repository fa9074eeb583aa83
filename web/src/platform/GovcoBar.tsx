export function GovcoBar() {
  return (
    <div className="govco-bar">
      <div className="container">
        <a className="govco-wordmark" href="https://www.gov.co">
          GOV.CO<span className="visually-hidden">, portal único del Estado colombiano</span>
        </a>
      </div>
    </div>
  );
}
